import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parsePython } from '../shared/parse';
import { complexity, type Block } from './cc';
import { halstead } from './halstead';
import { rawMetrics } from './raw';

/** radon's mi_compute: 0–100, from Halstead volume, total CC, logical lines and comment share. */
export function maintainabilityIndex(volume: number, cc: number, lloc: number, commentPercent: number): number {
  if (volume <= 0 || lloc <= 0) return 100;
  const nn = 171 - 5.2 * Math.log(volume) - 0.23 * cc - 16.2 * Math.log(lloc) + 50 * Math.sin(Math.sqrt(2.46 * ((commentPercent * Math.PI) / 180)));
  return Math.min(Math.max(0, (nn * 100) / 171), 100);
}

export const miRank = (mi: number) => (mi > 19 ? 'A' : mi > 9 ? 'B' : 'C');

const RANKS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const complexityMetrics = defineTool({
  name: 'python_complexity_metrics',
  title: 'Python complexity metrics (radon)',
  description:
    "Computes radon's metrics for Python source: cyclomatic complexity with A–F rank per function, method and class, the maintainability index, Halstead metrics and raw line counts (LOC, LLOC, SLOC, comments, multi-line strings, blanks). Reports blocks ranked at or above a threshold.",
  input: z
    .object({
      content: contentArg('The Python source file to measure'),
      options: analyzerOptions({
        minRank: z.enum(RANKS).default('C').describe('Report blocks ranked this or worse (A best … F worst); default C (complexity 11+)'),
      }),
    })
    .strict(),
  rules: [
    { id: 'high-complexity', severity: 'warning', summary: 'A function, method or class whose cyclomatic complexity ranks at or above options.minRank', docs: 'https://radon.readthedocs.io/en/latest/commandline.html#the-cc-command' },
    { id: 'low-maintainability', severity: 'warning', summary: 'Maintainability index below 10 (radon rank C)', docs: 'https://radon.readthedocs.io/en/latest/intro.html#maintainability-index' },
  ],
  run({ content, options }) {
    const m = parsePython(content);
    const { blocks, total } = complexity(m);
    const h = halstead(m);
    const raw = rawMetrics(content);
    const commentPercent = raw.sloc ? ((raw.comments + raw.multi) / raw.sloc) * 100 : 0;
    const mi = maintainabilityIndex(h.volume, total, raw.lloc, commentPercent);
    const minRank = RANKS.indexOf(options?.minRank ?? 'C');
    const findings: Finding[] = [];
    for (const b of blocks) {
      if (RANKS.indexOf(b.rank as (typeof RANKS)[number]) < minRank) continue;
      findings.push({
        ruleId: 'high-complexity',
        severity: b.rank >= 'D' ? 'error' : 'warning',
        message: `${b.type} ${b.name} has cyclomatic complexity ${b.complexity} (rank ${b.rank})`,
        location: { line: b.line, column: 1 },
        fix: `Split ${b.name} into smaller ${b.type === 'class' ? 'classes or methods' : 'functions'}, or replace branches with lookups`,
        docs: 'https://radon.readthedocs.io/en/latest/api.html#radon.complexity.cc_rank',
        name: b.name,
        complexity: b.complexity,
        rank: b.rank,
      });
    }
    if (mi < 10) {
      findings.push({
        ruleId: 'low-maintainability',
        severity: 'warning',
        message: `module maintainability index is ${mi.toFixed(2)} (rank ${miRank(mi)})`,
        location: { line: 1 },
        fix: 'Reduce function size and complexity, and document the module',
        docs: 'https://radon.readthedocs.io/en/latest/intro.html#maintainability-index',
        mi,
      });
    }
    const { calculatedLength: _c, ...halsteadOut } = h;
    return {
      findings,
      metrics: {
        blocks: blocks.sort((a, b) => a.line - b.line || a.name.localeCompare(b.name)),
        averageComplexity: blocks.length ? blocks.reduce((s, b) => s + b.complexity, 0) / blocks.length : 0,
        totalComplexity: total,
        mi,
        miRank: miRank(mi),
        halstead: { ...halsteadOut, calculatedLength: h.calculatedLength },
        raw,
      },
    };
  },
  render(env) {
    const metrics = env.metrics as { blocks: Block[]; mi: number; miRank: string; raw: Record<string, number> } | undefined;
    if (!metrics) return [];
    return [
      `Maintainability index ${metrics.mi.toFixed(2)} (${metrics.miRank}); LOC ${metrics.raw.loc}, LLOC ${metrics.raw.lloc}, SLOC ${metrics.raw.sloc}, comments ${metrics.raw.comments}`,
      table(['block', 'type', 'lines', 'complexity', 'rank'], metrics.blocks.map((b) => [b.name, b.type, `${b.line}-${b.endLine}`, b.complexity, b.rank])),
    ];
  },
});
