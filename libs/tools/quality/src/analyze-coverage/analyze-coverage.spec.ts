import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { analyzeCoverage } from './analyze-coverage.tool';

// Reports written by Jest/istanbul for this lib's lint-commits folder (paths made relative).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const summary = JSON.parse(fixture('coverage-summary.json')) as Record<string, Record<string, { total: number; covered: number; pct: number }>>;

interface M {
  covered: number;
  total: number;
  pct: number;
}
interface FileRow {
  path: string;
  lines: M;
  branches: M;
  functions: M;
  statements: M;
  uncoveredLines: string[];
  uncoveredFunctions: Array<{ name: string; line: number; lines: number }>;
}
interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path: string; line: number } }>;
  metrics: { format: string; total: Record<string, M>; files: FileRow[]; biggestUncovered: Array<{ path: string; name: string; lines: number }> };
}
const run = async (args: unknown) => structured<Out>(await runTool(analyzeCoverage, args));

describe('quality_analyze_coverage', () => {
  it.each([
    ['lcov', 'lint-commits.lcov.info', ['lines', 'functions', 'branches']],
    ['istanbul', 'coverage-final.json', ['lines', 'functions', 'branches', 'statements']],
    ['istanbul-summary', 'coverage-summary.json', ['lines', 'functions', 'branches', 'statements']],
    // Cobertura keeps branches per line, so branches on lines without a statement are lost.
    ['cobertura', 'cobertura-coverage.xml', ['lines', 'functions']],
  ])('reads %s with the numbers istanbul itself summarized', async (format, file, measures) => {
    const out = await run({ content: fixture(file) });
    expect(out.metrics.format).toBe(format);
    expect(out.metrics.files.map((f) => f.path)).toEqual(Object.keys(summary).filter((k) => k !== 'total').sort());
    for (const row of out.metrics.files) {
      for (const m of measures) {
        const key = m as 'lines';
        expect([row.path, m, row[key].covered, row[key].total]).toEqual([row.path, m, summary[row.path][m].covered, summary[row.path][m].total]);
      }
    }
    expect(out.metrics.total.lines.covered).toBe(summary.total.lines.covered);
  });

  it('lists uncovered ranges and the never-called functions, biggest first', async () => {
    const out = await run({ coverage: fixture('lint-commits.lcov.info') });
    const caseTs = out.metrics.files.find((f) => f.path === 'src/lint-commits/case.ts')!;
    expect(caseTs.uncoveredLines.length).toBeGreaterThan(0);
    expect(caseTs.uncoveredLines.every((r) => /^\d+(-\d+)?$/.test(r))).toBe(true);
    expect(caseTs.uncoveredFunctions.map((f) => f.name).sort()).toEqual(['(anonymous_5)', '(anonymous_6)']);
    expect(out.metrics.biggestUncovered[0].path).toBe('src/lint-commits/case.ts');
  });

  it('reports files under the threshold and none when all pass', async () => {
    const out = await run({ content: fixture('coverage-final.json'), options: { threshold: 90 } });
    expect(out.findings.map((f) => f.location.path)).toEqual(['src/lint-commits/case.ts']);
    expect(out.findings[0].message).toContain('85% line coverage (17/20)');
    expect((await run({ content: fixture('coverage-final.json'), options: { threshold: 80 } })).findings).toEqual([]);
  });

  it('computes percentages as 0-100 and 100 when nothing is instrumented', async () => {
    const lcov = 'TN:\nSF:src/empty.ts\nend_of_record\nSF:src/util.ts\nFN:3,clamp\nFNDA:0,clamp\nDA:3,0\nDA:4,0\nDA:5,0\nDA:9,2\nBRDA:4,0,0,-\nBRDA:4,0,1,-\nend_of_record\n';
    const out = await run({ content: lcov });
    const [empty, util] = out.metrics.files;
    expect(empty.lines).toEqual({ covered: 0, total: 0, pct: 100 });
    expect(util.lines).toEqual({ covered: 1, total: 4, pct: 25 });
    expect(util.uncoveredLines).toEqual(['3-5']);
    expect(util.uncoveredFunctions).toEqual([{ name: 'clamp', line: 3, lines: 3 }]);
    expect(resultText(await runTool(analyzeCoverage, { content: lcov }))).toContain('| src/util.ts | 25 |');
  });

  it('names line and column of a parse error', async () => {
    expect(resultText(await runTool(analyzeCoverage, { content: 'SF:a.js\nDA:1,1\nDA:x\nend_of_record\n' }))).toMatch(/^line 3, column 1: malformed DA record/);
    expect(resultText(await runTool(analyzeCoverage, { content: '{\n  "a.js": {\n    "s": {,}\n  }\n}' }))).toMatch(/^line 3, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(analyzeCoverage, { content: 'SF:a\n', options: { threshold: 120 } }))).toMatch(/^Invalid arguments: options\.threshold/);
  });
});
