import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { lintJsxAccessibility } from './lint-jsx-accessibility.tool';
import { RULE_SUMMARIES } from './jsx-a11y.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string, options?: unknown) => structured<{ findings: Finding[] }>(await runTool(lintJsxAccessibility, { content, ...(options ? { options } : {}) })).findings;

describe('web_lint_jsx_accessibility', () => {
  it('passes an accessible TSX component', async () => {
    expect(await lint(fixture('clean.tsx'))).toEqual([]);
  });

  it.each(Object.keys(RULE_SUMMARIES))('reports %s', async (rule) => {
    const findings = await lint(fixture(`${rule}.jsx`));
    expect(findings.map((f) => f.ruleId)).toEqual([rule]);
    expect(findings[0].docs).toBe(`https://github.com/jsx-eslint/eslint-plugin-jsx-a11y/blob/main/docs/rules/${rule}.md`);
  });

  it('reports at the element or attribute, with the plugin\'s wording', async () => {
    expect((await lint(fixture('alt-text.jsx')))[0]).toMatchObject({
      message: 'img elements must have an alt prop, either with meaningful text, or an empty string for decorative images.',
      location: { line: 4, column: 7 },
      element: 'img',
    });
    expect((await lint(fixture('aria-props.jsx')))[0]).toMatchObject({ message: 'aria-describby: This attribute is an invalid ARIA attribute. Did you mean to use aria-describedby?', location: { line: 4, column: 29 } });
    expect((await lint(fixture('role-has-required-aria-props.jsx')))[0].message).toBe('Elements with the ARIA role "switch" must have the following attributes defined: aria-checked');
  });

  it('treats a spread as not supplying a prop, and {false} as present', async () => {
    expect((await lint('const A = (p) => <img {...p} />;')).map((f) => f.ruleId)).toEqual(['alt-text']);
    expect((await lint('const A = () => <input autoFocus={false} aria-label="x" />;')).map((f) => f.ruleId)).toEqual(['no-autofocus']);
  });

  it('honours eslint-disable directives like ESLint does', async () => {
    const src = [
      'export const A = () => (',
      '  <form>',
      '    {/* eslint-disable-next-line jsx-a11y/no-autofocus */}',
      '    <input aria-label="q" autoFocus />',
      '    <img src="a.png" /> {/* eslint-disable-line jsx-a11y/alt-text */}',
      '    <img src="b.png" />',
      '  </form>',
      ');',
    ].join('\n');
    expect((await lint(src)).map((f) => [f.ruleId, f.location?.line])).toEqual([['alt-text', 6]]);
  });

  it('checks components only when options.components maps them to a DOM element', async () => {
    const src = 'export const Hero = () => <Image src="/hero.png" />;';
    expect(await lint(src)).toEqual([]);
    expect((await lint(src, { components: { Image: 'img' } })).map((f) => f.ruleId)).toEqual(['alt-text']);
  });

  it('fails with the line and column of a syntax error', async () => {
    const reply = await runTool(lintJsxAccessibility, { content: 'export const A = () => (\n  <div>\n    <span>unclosed\n  </div>\n);' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('line 4, column 9: Unterminated JSX contents.');
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(lintJsxAccessibility, { content: 'x', options: { components: { A: 1 } } }))).toMatch(/^Invalid arguments: options\.components\.A/);
  });
});
