import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Finding } from '@mcp/core-response';
import { analyzeCss } from './analyze-css.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const analyze = async (content: string) => structured<{ findings: Finding[]; metrics: Record<string, any> }>(await runTool(analyzeCss, { content }));

const RULES = [
  'declaration-block-no-duplicate-properties',
  'no-duplicate-selectors',
  'property-no-unknown',
  'property-no-vendor-prefix',
  'value-no-vendor-prefix',
  'selector-no-vendor-prefix',
  'at-rule-no-vendor-prefix',
  'media-feature-name-no-vendor-prefix',
];

describe('web_analyze_css', () => {
  it('finds nothing wrong in a clean stylesheet and measures it', async () => {
    const { findings, metrics } = await analyze(fixture('clean.css'));
    expect(findings).toEqual([]);
    expect(metrics).toMatchObject({
      rules: 11,
      selectors: 14,
      importantCount: 0,
      maxSpecificity: [1, 0, 0],
      maxSpecificitySelector: '#cart-count',
      colors: ['#0a58a8', '#0b6bcb', '#1f2328', '#ffffff', '#ffffffe6'],
      zIndexes: [100, 1000],
      vendorPrefixes: 0,
    });
    // :where() counts zero, :not() takes its argument's specificity.
    expect(metrics.specificity).toContainEqual({ selector: ':where(.prose) p:not(.lead)', specificity: [0, 1, 1], line: 41 });
    expect(metrics.specificity).toContainEqual({ selector: '*::before', specificity: [0, 0, 1], line: 8 });
  });

  it.each(RULES)('reports %s where stylelint does', async (rule) => {
    const { findings } = await analyze(fixture(`${rule}.css`));
    expect(findings.map((f) => f.ruleId)).toEqual([rule]);
    expect(findings[0].location?.line).toBeGreaterThan(0);
    expect(findings[0].docs).toBe(`https://stylelint.io/user-guide/rules/${rule}`);
  });

  it('names the subject and position', async () => {
    expect((await analyze(fixture('property-no-unknown.css'))).findings[0]).toMatchObject({ message: 'Unknown property "backgroud-color"', location: { line: 2, column: 3 }, severity: 'error' });
    expect((await analyze(fixture('no-duplicate-selectors.css'))).findings[0]).toMatchObject({ message: 'Duplicate selector ".nav a", first used at line 1', location: { line: 3, column: 1 } });
  });

  it('keeps prefixes autoprefixer would not add, and same selectors in other @media blocks', async () => {
    const css = '.a { -webkit-appearance: none; -webkit-font-smoothing: antialiased; }\n.b { display: -webkit-box; }\n@media print { .a { color: #000 } }\n.x { --custom: 1; --custom: 2; }';
    const { findings, metrics } = await analyze(css);
    expect(findings.map((f) => f.ruleId)).toEqual(['property-no-vendor-prefix']);
    expect(findings[0].message).toContain('-webkit-appearance');
    expect(metrics.vendorPrefixes).toBe(3);
  });

  it('counts !important and Selectors Level 4 specificity', async () => {
    const { metrics } = await analyze('#a .b:is(#c, .d) > e::before { color: red !important }\n.f:has(> #g) { color: blue }\n:nth-child(2 of .h) {}');
    expect(metrics.importantCount).toBe(1);
    expect(metrics.specificity.map((s: { specificity: number[] }) => s.specificity)).toEqual([[2, 1, 2], [1, 1, 0], [0, 2, 0]]);
  });

  it('fails with line and column on CSS it cannot parse', async () => {
    const reply = await runTool(analyzeCss, { content: '.a { color: red; }\n.b { color: blue;\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('line 2, column 1: Unclosed block');
  });

  it('names the field of invalid arguments', async () => {
    expect(resultText(await runTool(analyzeCss, { content: 'a{}', options: { ignore: 'x' } }))).toMatch(/^Invalid arguments: options\.ignore/);
  });
});
