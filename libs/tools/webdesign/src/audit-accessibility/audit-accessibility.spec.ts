import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { auditAccessibility } from './audit-accessibility.tool';
import { RULES } from './accessibility.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (content: string, files?: { path: string; content: string }[]) =>
  structured<{ findings: Finding[]; summary: Record<string, number> }>(await runTool(auditAccessibility, { content, ...(files ? { files } : {}) }));

describe('web_audit_accessibility', () => {
  it('finds nothing on a clean, realistic page', async () => {
    expect((await audit(fixture('clean.html'))).findings).toEqual([]);
    expect((await audit(fixture('clean-page.html'))).findings).toEqual([]);
  });

  it.each(Object.keys(RULES).filter((r) => r !== 'duplicate-id-aria'))('reports %s on a page that violates it, and only there', async (rule) => {
    const { findings } = await audit(fixture(`${rule}.html`));
    const hits = findings.filter((f) => f.ruleId === rule && !f.needsReview);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ impact: RULES[rule].impact, severity: ['critical', 'serious'].includes(RULES[rule].impact) ? 'error' : 'warning' });
    expect(typeof hits[0].selector).toBe('string');
    expect(hits[0].location?.line).toBeGreaterThan(0);
    // The fixture isolates its rule (duplicate-id-aria is reported for review only).
    expect(findings.filter((f) => f.ruleId !== rule && !f.needsReview)).toEqual([]);
  });

  it('reports the exact element and wording', async () => {
    const { findings } = await audit(fixture('image-alt.html'));
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'image-alt',
        severity: 'error',
        message: '<img src="/img/products/chai.jpg"> has no alt attribute, aria-label, aria-labelledby or title',
        location: { line: 25, column: 7 },
        impact: 'critical',
        selector: 'html > body > main > div > img',
      }),
    ]);
  });

  it('puts ARIA-only duplicate ids and unresolvable colours up for review', async () => {
    const aria = (await audit(fixture('duplicate-id-aria.html'))).findings;
    expect(aria).toEqual([expect.objectContaining({ ruleId: 'duplicate-id-aria', severity: 'info', needsReview: true })]);
    expect(aria[0].message).toMatch(/^Needs review: id "recent"/);
    const review = await audit(fixture('color-contrast-review.html'));
    expect(review.findings.map((f) => [f.ruleId, f.severity, f.needsReview])).toEqual([
      ['color-contrast', 'info', true],
      ['color-contrast', 'info', true],
    ]);
    expect(review.findings[1].message).toMatch(/^Needs review: text "Gift wrapping.*background of <section> is a background image/);
    expect(review.summary.needsReview).toBe(2);
  });

  it('applies linked stylesheets given as files, with custom properties', async () => {
    // The page's own <style> comes after the link and would win: drop it to let the theme apply.
    const page = fixture('clean-page.html').replace(/<style>[\s\S]*<\/style>/, '').replace('<p class="muted">', '<p class="muted" id="note">');
    const withCss = await audit(page, [{ path: 'assets/site.css', content: fixture('site.css') }]);
    const contrast = withCss.findings.filter((f) => f.ruleId === 'color-contrast');
    expect(contrast).toEqual([expect.objectContaining({ selector: '#note', severity: 'error' })]);
    expect(contrast[0].message).toContain('#9a9a9a on #ffffff');
  });

  it('skips hidden content, templates and presentational images', async () => {
    const html = fixture('clean.html').replace(
      '</main>',
      '<div hidden><img src="a.png"></div><template><img src="b.png"></template><img src="c.png" role="presentation"><div aria-hidden="true"><a href="/x"></a></div></main>',
    );
    expect((await audit(html)).findings).toEqual([]);
  });

  it('names control labels by wrapping label and aria-labelledby', async () => {
    const html = fixture('clean.html').replace('</main>', '<label>Coupon <input name="coupon"></label><span id="qty">Quantity</span><input name="qty" aria-labelledby="qty"></main>');
    expect((await audit(html)).findings).toEqual([]);
  });

  it('fails on a document whose tail is swallowed by an unclosed comment', async () => {
    const reply = await runTool(auditAccessibility, { content: '<!DOCTYPE html>\n<html lang="en">\n<body>\n<!-- TODO: footer\n<p>x</p>\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 6, column 1: eof-in-comment/);
  });

  it('reports a CSS syntax error in a linked stylesheet with its path', async () => {
    const reply = await runTool(auditAccessibility, { content: fixture('clean-page.html'), files: [{ path: 'assets/site.css', content: '.a { color: red;\n.b { color: blue }' }] });
    expect(resultText(reply)).toBe('assets/site.css: line 1, column 1: Unclosed block');
  });

  it('names the field of invalid arguments', async () => {
    const reply = await runTool(auditAccessibility, { content: '<p>x</p>', files: [{ path: 'a.css' }] });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^Invalid arguments: files\[0\]\.content/);
  });
});
