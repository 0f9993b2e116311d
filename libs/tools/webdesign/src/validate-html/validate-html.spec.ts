import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { validateHtml } from './validate-html.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const validate = async (content: string) => structured<{ findings: Finding[]; metrics: Record<string, unknown> }>(await runTool(validateHtml, { content }));

describe('web_validate_html', () => {
  it('accepts a valid document, including transparent <a> around flow content and <template>', async () => {
    expect((await validate(fixture('clean.html'))).findings).toEqual([]);
  });

  it('reports parse5 parse errors by their WHATWG names, at the line and column', async () => {
    const { findings } = await validate(fixture('parse-errors.html'));
    expect(findings.map((f) => [f.ruleId, f.location?.line, f.location?.column])).toEqual([
      ['missing-whitespace-between-attributes', 11, 45],
      ['duplicate-attribute', 12, 53],
      // `&ndash` without ";" is not a legacy reference: no error, the text stays literal.
      ['missing-semicolon-after-character-reference', 13, 38],
      ['non-void-html-element-start-tag-with-trailing-solidus', 14, 5],
      ['end-tag-with-attributes', 15, 18],
    ]);
    expect(findings[1].message).toContain('Duplicate attribute near');
    expect(findings[1].docs).toBe('https://html.spec.whatwg.org/multipage/parsing.html#parse-error-duplicate-attribute');
  });

  it.each([
    ['missing-doctype', 'missing-doctype'],
    ['duplicate-id', 'duplicate-id'],
    ['obsolete-element', 'obsolete-element'],
    ['obsolete-attribute', 'obsolete-attribute'],
    ['missing-charset', 'missing-charset'],
    ['missing-viewport', 'missing-viewport'],
  ])('reports %s', async (file, rule) => {
    const { findings } = await validate(fixture(`${file}.html`));
    expect(findings.map((f) => f.ruleId)).toEqual([rule]);
  });

  it('names the element, attribute or id', async () => {
    expect((await validate(fixture('duplicate-id.html'))).findings[0]).toMatchObject({ message: 'Duplicate id "team" on <section> (first used on <section> at line 9)', location: { line: 12, column: 12 } });
    expect((await validate(fixture('obsolete-element.html'))).findings[0]).toMatchObject({ message: 'The <center> element is obsolete', fix: 'Use CSS' });
    expect((await validate(fixture('obsolete-attribute.html'))).findings[0]).toMatchObject({ message: 'The nowrap attribute on <td> is obsolete', location: { line: 11, column: 28 } });
  });

  it('does not count ids inside <template> as duplicates of the page', async () => {
    const html = fixture('clean.html').replace('<template id="row"><tr><td class="name"></td></tr></template>', '<template id="row"><p id="copy">x</p></template>');
    expect((await validate(html)).findings).toEqual([]);
  });

  it('reports flow content in phrasing content and interactive content in <a>', async () => {
    const { findings } = await validate(fixture('invalid-nesting.html'));
    expect(findings.map((f) => [f.ruleId, f.location?.line, f.message])).toEqual([
      ['invalid-nesting', 10, '<div> is not allowed inside <span> (line 9), which only accepts phrasing content'],
      ['invalid-nesting', 12, 'Interactive <button> is nested inside <a> (line 12)'],
    ]);
  });

  it('never fails: an unclosed comment is a finding, not an error', async () => {
    const reply = await runTool(validateHtml, { content: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>x</title></head><body>\n<!-- unfinished' });
    expect(reply.isError).toBeFalsy();
    expect(structured<{ findings: Finding[] }>(reply).findings).toEqual([expect.objectContaining({ ruleId: 'eof-in-comment', location: { line: 2, column: 16 } })]);
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(validateHtml, {}))).toMatch(/^Invalid arguments: content/);
  });
});
