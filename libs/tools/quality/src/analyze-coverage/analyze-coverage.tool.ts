import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { detectFormat, parseCobertura, parseIstanbul, parseIstanbulSummary, parseLcov, type FileCoverage, type Measure } from './coverage-formats';

const rules: RuleDoc[] = [
  { id: 'coverage-below-threshold', severity: 'warning', summary: 'A file whose line coverage is under options.threshold percent', docs: 'https://docs.codecov.com/docs/commit-status' },
];

interface Pct extends Measure {
  pct: number;
}
const pct = (m: Measure): Pct => ({ covered: m.covered, total: m.total, pct: m.total === 0 ? 100 : (m.covered / m.total) * 100 });

/** Consecutive uncovered instrumented lines as "21-30" / "7" (non-instrumented lines between them do not split a range). */
function ranges(lines: Map<number, number>): string[] {
  const sorted = [...lines.entries()].sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let start = -1;
  let last = -1;
  for (const [ln, hits] of sorted) {
    if (hits > 0) {
      if (start !== -1) out.push(start === last ? `${start}` : `${start}-${last}`);
      start = -1;
      continue;
    }
    if (start === -1) start = ln;
    last = ln;
  }
  if (start !== -1) out.push(start === last ? `${start}` : `${start}-${last}`);
  return out;
}

function summarize(f: FileCoverage) {
  if (f.summaryOnly) {
    return { path: f.path, lines: pct(f.summaryOnly.lines), branches: pct(f.summaryOnly.branches), functions: pct(f.summaryOnly.functions), statements: pct(f.summaryOnly.statements), uncoveredLines: [], uncoveredFunctions: [] };
  }
  const hits = [...f.lines.values()];
  const sortedLines = [...f.lines.entries()].sort((a, b) => a[0] - b[0]);
  const starts = f.functions.map((fn) => fn.line).sort((a, b) => a - b);
  const uncoveredFunctions = f.functions
    .filter((fn) => fn.hits === 0)
    .map((fn) => {
      // Without an end line (lcov 1.x) a never-called function spans its run of unexecuted
      // instrumented lines: the first executed line (or the next function) is outside it.
      let end = fn.endLine;
      if (end === undefined) {
        const next = starts.find((s) => s > fn.line);
        end = fn.line;
        for (const [ln, h] of sortedLines) {
          if (ln < fn.line) continue;
          if (h > 0 || (next !== undefined && ln >= next)) break;
          end = ln;
        }
      }
      return { name: fn.name, line: fn.line, lines: end - fn.line + 1 };
    });
  return {
    path: f.path,
    lines: pct({ covered: hits.filter((h) => h > 0).length, total: hits.length }),
    branches: pct(f.branches),
    functions: pct({ covered: f.functions.filter((fn) => fn.hits > 0).length, total: f.functions.length }),
    statements: pct(f.statements),
    uncoveredLines: ranges(f.lines),
    uncoveredFunctions,
  };
}

export const analyzeCoverage = defineTool({
  name: 'quality_analyze_coverage',
  title: 'Coverage analysis',
  description:
    'Reads an lcov, Istanbul (coverage-final.json or coverage-summary.json) or Cobertura XML report and returns line/branch/function/statement coverage per file, uncovered line ranges, files under a threshold and the biggest uncovered functions first.',
  input: z
    .object({
      content: z.string().optional().describe('The coverage report as text (lcov, Istanbul JSON or Cobertura XML; detected from the content)'),
      coverage: z.string().optional().describe('Alias of content; content wins when both are given'),
      options: analyzerOptions({
        threshold: z.number().min(0).max(100).optional().describe('Line coverage percentage a file must reach (default 80)'),
      }),
    })
    .strict(),
  rules,
  run({ content, coverage, options }) {
    const text = content ?? coverage;
    if (text === undefined) throw new InputError('Give the coverage report as `content` (or `coverage`).');
    const threshold = options?.threshold ?? 80;
    const format = detectFormat(text);
    const parsed = format === 'lcov' ? parseLcov(text) : format === 'istanbul' ? parseIstanbul(text) : format === 'istanbul-summary' ? parseIstanbulSummary(text) : parseCobertura(text);
    const files = parsed.map(summarize).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const sum = (k: 'lines' | 'branches' | 'functions' | 'statements') =>
      pct(files.reduce((acc, f) => ({ covered: acc.covered + f[k].covered, total: acc.total + f[k].total }), { covered: 0, total: 0 }));
    const findings: Finding[] = files
      .filter((f) => f.lines.pct < threshold)
      .map((f) => ({
        ruleId: 'coverage-below-threshold',
        severity: 'warning' as const,
        message: `${f.path} has ${Math.round(f.lines.pct * 100) / 100}% line coverage (${f.lines.covered}/${f.lines.total}), under the ${threshold}% threshold.`,
        location: { path: f.path, line: Number((f.uncoveredLines[0] ?? '1').split('-')[0]) },
        fix: f.uncoveredFunctions.length
          ? `Add tests for ${f.uncoveredFunctions.slice(0, 3).map((u) => u.name).join(', ')} (never called), then the uncovered lines ${f.uncoveredLines.slice(0, 3).join(', ')}.`
          : `Add tests reaching lines ${f.uncoveredLines.slice(0, 5).join(', ') || 'not covered'}.`,
        docs: rules[0].docs,
      }));
    const biggestUncovered = files
      .flatMap((f) => f.uncoveredFunctions.map((u) => ({ path: f.path, ...u })))
      .sort((a, b) => b.lines - a.lines || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    return {
      findings,
      summary: { files: files.length },
      metrics: {
        format,
        total: { lines: sum('lines'), branches: sum('branches'), functions: sum('functions'), statements: sum('statements') },
        files,
        biggestUncovered,
      },
    };
  },
  render(envelope) {
    const files = (envelope.metrics?.files ?? []) as Array<ReturnType<typeof summarize>>;
    const big = (envelope.metrics?.biggestUncovered ?? []) as Array<{ path: string; name: string; line: number; lines: number }>;
    return [
      table(
        ['file', 'lines %', 'branches %', 'functions %', 'statements %', 'uncovered lines'],
        files.map((f) => [f.path, f.lines.pct, f.branches.pct, f.functions.pct, f.statements.pct, f.uncoveredLines.slice(0, 8).join(', ')]),
      ),
      big.length ? `### Biggest uncovered functions\n\n${table(['file', 'function', 'line', 'lines'], big.slice(0, 10).map((b) => [b.path, b.name, b.line, b.lines]))}` : '',
    ];
  },
});
