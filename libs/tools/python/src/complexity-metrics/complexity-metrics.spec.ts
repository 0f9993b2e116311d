import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { complexityMetrics } from './complexity-metrics.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const measure = async (content: string, options?: object) => structured<Envelope>(await runTool(complexityMetrics, { content, options }));

// Expected values are radon 5.1's output on the same fixture (cc_visit, h_visit, analyze, mi_visit multi=True).
describe('python_complexity_metrics', () => {
  it("matches radon's blocks, ranks, Halstead totals, raw counts and MI on a real module", async () => {
    const env = await measure(fixture('billing.py'));
    const m = env.metrics as Record<string, any>;
    expect(m.blocks.map((b: any) => [b.type, b.name, b.line, b.endLine, b.complexity, b.rank])).toEqual([
      ['class', 'Invoice', 10, 38, 4, 'A'],
      ['method', 'Invoice.__init__', 13, 16, 1, 'A'],
      ['method', 'Invoice.subtotal', 18, 19, 3, 'A'],
      ['method', 'Invoice.discount', 21, 33, 8, 'B'],
      ['method', 'Invoice.total', 35, 38, 1, 'A'],
      ['function', 'classify', 41, 58, 11, 'C'],
    ]);
    expect(m.halstead).toMatchObject({ h1: 12, h2: 43, N1: 28, N2: 55, vocabulary: 55, length: 83 });
    expect(m.halstead.volume).toBeCloseTo(479.8528562225468, 9);
    expect(m.halstead.effort).toBeCloseTo(3682.5916872893126, 6);
    expect(m.raw).toEqual({ loc: 58, lloc: 46, sloc: 43, comments: 1, multi: 3, blank: 10, singleComments: 2 });
    expect(m.mi).toBeCloseTo(59.00059223582958, 9);
    expect(m.miRank).toBe('A');
  });

  it('reports blocks at or above minRank (default C) and nothing for simple code', async () => {
    const env = await measure(fixture('billing.py'));
    expect(env.findings.map((f) => [f.ruleId, f.message])).toEqual([['high-complexity', 'function classify has cyclomatic complexity 11 (rank C)']]);
    expect((await measure(fixture('billing.py'), { minRank: 'B' })).findings.map((f) => f.name)).toEqual(['Invoice.discount', 'classify']);
    expect((await measure('def add(a, b):\n    return a + b\n')).findings).toEqual([]);
  });

  it('flags a module whose maintainability index is below 10', async () => {
    const branches = Array.from({ length: 400 }, (_, i) => `    if x == ${i} and y > ${i} or z < ${i}:\n        total += x * ${i} - y / ${i + 1} % z\n`).join('');
    const env = await measure(`def dispatch(x, y, z):\n    total = 0\n${branches}    return total\n`);
    expect(env.findings.map((f) => f.ruleId).sort()).toEqual(['high-complexity', 'low-maintainability']);
    expect((env.metrics as any).mi).toBeLessThan(10);
  });

  it('renders the per-block table', async () => {
    const text = resultText(await runTool(complexityMetrics, { content: fixture('billing.py') }));
    expect(text).toContain('| Invoice.discount | method | 21-33 | 8 | B |');
    expect(text).toMatch(/Maintainability index 59\.00 \(A\)/);
  });

  it('reports a parse error with line and column', async () => {
    const reply = await runTool(complexityMetrics, { content: 'class A:\n    def f(self)\n        return 1\n' });
    expect(resultText(reply)).toMatch(/^line 2, column 16: invalid syntax/);
  });

  it('rejects an unknown rank, naming the field', async () => {
    expect(resultText(await runTool(complexityMetrics, { content: '', options: { minRank: 'G' } }))).toMatch(/^Invalid arguments: options\.minRank/);
  });
});
