import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { detectCodeSmells } from './detect-code-smells.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { line: number; column: number }; value: unknown; threshold: unknown }>;
}
const smells = async (content: string, options?: unknown) => structured<Out>(await runTool(detectCodeSmells, { content, options }));
const src = fixture('invoice-report.ts');

describe('quality_detect_code_smells', () => {
  it('reports function-level smells with value and threshold', async () => {
    const out = await smells(src);
    const of = (id: string) => out.findings.filter((f) => f.ruleId === id).map((f) => [f.location.line, f.value, f.threshold]);
    expect(of('max-lines-per-function')).toEqual([[15, 52, 50]]);
    expect(of('max-params')).toEqual([[15, 5, 4]]);
    // ESLint reports every block beyond the limit.
    expect(of('max-depth')).toEqual([
      [27, 5, 4],
      [28, 6, 4],
    ]);
    expect(of('max-returns')).toEqual([[68, 5, 3]]);
    expect(out.findings.find((f) => f.ruleId === 'max-params')!.message).toBe("Function 'buildInvoiceReport' has 5 parameters; the maximum is 4.");
  });

  it('reports magic numbers but not constants, defaults, radixes or the ignore list', async () => {
    const out = await smells(src);
    const magic = out.findings.filter((f) => f.ruleId === 'no-magic-numbers').map((f) => [f.location.line, f.value]);
    expect(magic).toEqual([
      [10, 1000],
      [27, 0.5],
      [37, 10000],
      [41, 10],
      [41, 10],
      [47, 86400000],
      [52, 7],
      [69, 90],
      [70, 70],
      [71, 40],
      [72, 10],
      [77, 1000],
      [77, 30000],
      [96, 1200],
    ]);
    expect(out.findings.find((f) => f.location.line === 47)!.message).toBe("Magic number 86400000 in 'buildInvoiceReport'.");
  });

  it('reports boolean selector parameters by type, default and call site', async () => {
    const out = await smells(src);
    const sel = out.findings.filter((f) => f.ruleId === 'no-selector-parameter');
    expect(sel.map((f) => [f.location.line, f.value])).toEqual([
      [8, 'compact'],
      [15, 'includeDrafts'],
    ]);
    expect(sel[0].message).toContain("of 'formatAmount' (defaults to a boolean) selects a branch at line 9");
  });

  it('reports large classes', async () => {
    const out = await smells(src, { maxClassMethods: 3, maxClassLines: 10 });
    expect(out.findings.filter((f) => f.ruleId === 'large-class').map((f) => [f.location.line, f.value, f.threshold])).toEqual([
      [80, 15, 10],
      [80, 4, 3],
    ]);
    expect((await smells(src)).findings.some((f) => f.ruleId === 'large-class')).toBe(false);
  });

  it('is silent on small, well-factored code', async () => {
    const clean = "const RETRIES = 3;\n\nexport function isEven(n: number): boolean {\n  return n % 2 === 0;\n}\n\nexport function retries(): number {\n  return RETRIES;\n}\n";
    expect((await smells(clean)).findings).toEqual([]);
    expect(resultText(await runTool(detectCodeSmells, { content: clean }))).toContain('| isEven | 3 | 3 | 1 | 0 | 1 |');
  });

  it('names line and column of a parse error', async () => {
    expect(resultText(await runTool(detectCodeSmells, { content: 'export function f( {\n}' }))).toMatch(/^line \d+, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(detectCodeSmells, { content: 'x', options: { maxParams: -1 } }))).toMatch(/^Invalid arguments: options\.maxParams/);
  });
});
