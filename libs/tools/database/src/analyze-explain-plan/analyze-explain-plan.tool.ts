import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { deriveMetrics, parsePlan, type Plan, type PlanNode } from './plan-parser';
import { dialectOption, requirePostgres } from '../shared/options';

export const explainRules: RuleDoc[] = [
  { id: 'seq-scan-large-relation', severity: 'warning', summary: 'A Seq Scan with a filter reads many rows: an index on the filtered columns may help' },
  { id: 'sort-spill', severity: 'warning', summary: 'A Sort went to disk (external sort or merge): raise work_mem or avoid the sort with an index' },
  { id: 'hash-spill', severity: 'warning', summary: 'A Hash or HashAggregate used more than one batch or disk' },
  { id: 'nested-loop-large-outer', severity: 'warning', summary: 'A Nested Loop runs its inner side once per outer row, and the outer side is large' },
  { id: 'row-estimate-error', severity: 'warning', summary: "The planner's row estimate is off by more than the allowed factor: stale statistics or correlated columns" },
  { id: 'low-buffer-hit-ratio', severity: 'info', summary: 'Less than 90% of shared buffers were found in cache' },
];

const sev = (id: string) => explainRules.find((r) => r.id === id)!.severity;

export const analyzeExplainPlanTool = defineTool({
  name: 'db_analyze_explain_plan',
  title: 'Analyze EXPLAIN plan',
  description:
    'Reads PostgreSQL EXPLAIN output (text or JSON, with or without ANALYZE and BUFFERS) into a plan tree with exclusive time, row-estimate error and buffers per node, and flags large filtered seq scans, sorts and hashes spilling to disk, nested loops over large outer sides, bad estimates and a low buffer hit ratio (like explain.dalibo and pgMustard).',
  input: z
    .object({
      content: contentArg('EXPLAIN output: text (as psql prints it) or FORMAT JSON'),
      options: analyzerOptions({
        dialect: dialectOption,
        largeRelationRows: z.number().int().positive().optional().describe('Rows a filtered Seq Scan may read before it is reported (default 10000)'),
        nestedLoopOuterRows: z.number().int().positive().optional().describe('Outer rows above which a Nested Loop is reported (default 1000)'),
        maxEstimateFactor: z.number().positive().optional().describe('Allowed ratio between actual and planned rows (default 10)'),
      }),
    })
    .strict(),
  rules: explainRules,
  run(args) {
    requirePostgres(args.options, 'EXPLAIN plan analysis');
    const plan = parsePlan(args.content);
    deriveMetrics(plan);
    const o = args.options ?? {};
    const findings = planFindings(plan, o.largeRelationRows ?? 10000, o.nestedLoopOuterRows ?? 1000, o.maxEstimateFactor ?? 10);
    const r = plan.root;
    const bufferHitPercent = r.sharedHit !== null && r.sharedRead !== null && r.sharedHit + r.sharedRead > 0 ? (r.sharedHit / (r.sharedHit + r.sharedRead)) * 100 : null;
    if (bufferHitPercent !== null && bufferHitPercent < 90) {
      findings.push({
        ruleId: 'low-buffer-hit-ratio',
        severity: sev('low-buffer-hit-ratio'),
        message: `Only ${bufferHitPercent.toFixed(1)}% of shared buffers were cache hits (${r.sharedHit} hit, ${r.sharedRead} read from disk or OS cache)`,
        location: { line: r.line },
        fix: 'Check shared_buffers sizing and whether the query reads more pages than it needs (missing index, bloat)',
        nodeId: r.id,
      });
    }
    const slowestNodes = plan.nodes
      .filter((n) => n.exclusiveMs !== null)
      .sort((a, b) => b.exclusiveMs! - a.exclusiveMs! || a.id - b.id)
      .map((n) => n.id);
    const nodes = plan.nodes.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      depth: n.depth,
      nodeType: n.nodeType,
      label: n.label,
      relationName: n.relationName,
      alias: n.alias,
      indexName: n.indexName,
      planRows: n.planRows,
      actualRows: n.actualRows,
      loops: n.loops,
      actualTotalMs: n.actualTotalMs,
      exclusiveMs: n.exclusiveMs,
      estimateFactor: n.estimateFactor,
      estimateDirection: n.estimateDirection,
      sharedHit: n.sharedHit,
      sharedRead: n.sharedRead,
    }));
    return {
      findings,
      metrics: { nodes, executionMs: plan.executionMs, planningMs: plan.planningMs, slowestNodes, bufferHitPercent, analyzed: plan.analyzed, format: plan.format },
    };
  },
  render(env) {
    const nodes = (env.metrics?.nodes ?? []) as ReturnType<typeof Object>[] as { id: number; depth: number; label: string; planRows: number | null; actualRows: number | null; loops: number | null; exclusiveMs: number | null; estimateFactor: number | null }[];
    return [
      table(
        ['id', 'node', 'planned rows', 'actual rows', 'loops', 'exclusive ms', 'estimate ×'],
        nodes.map((n) => [n.id, `${'· '.repeat(n.depth)}${n.label}`, n.planRows, n.actualRows, n.loops, n.exclusiveMs, n.estimateFactor]),
      ),
    ];
  },
});

function rowsOut(n: PlanNode): number | null {
  if (n.actualRows !== null && n.loops !== null) return n.actualRows * Math.max(n.loops, 1);
  return n.planRows;
}

function planFindings(plan: Plan, largeRows: number, outerRows: number, maxFactor: number): Finding[] {
  const out: Finding[] = [];
  const add = (id: string, n: PlanNode, message: string, fix: string) => out.push({ ruleId: id, severity: sev(id), message, location: { line: n.line }, fix, nodeId: n.id });
  for (const n of plan.nodes) {
    const rel = n.relationName ? `${n.relationName}${n.alias && n.alias !== n.relationName ? ` (${n.alias})` : ''}` : n.label;
    if (n.nodeType === 'Seq Scan' && n.filter) {
      const read = n.actualRows !== null && n.loops !== null ? (n.actualRows + n.rowsRemovedByFilter) * Math.max(n.loops, 1) : (n.planRows ?? 0);
      if (read > largeRows) {
        const detail = n.actualRows !== null ? `reads ${read} rows (${n.actualRows * Math.max(n.loops ?? 1, 1)} kept, ${n.rowsRemovedByFilter * Math.max(n.loops ?? 1, 1)} removed by the filter)` : `is planned to return ${read} rows`;
        add('seq-scan-large-relation', n, `Seq Scan on ${rel} with a filter ${detail}`, `Index the filtered columns of ${n.relationName ?? 'the relation'}, or make the filter more selective`);
      }
    }
    if (n.nodeType === 'Sort' && ((n.sortMethod && /external/.test(n.sortMethod)) || n.sortSpaceType === 'Disk')) {
      add('sort-spill', n, `Sort spilled to disk (${n.sortMethod ?? 'external'})`, 'Raise work_mem for this query, or provide the order with an index');
    }
    const isHashAgg = n.nodeType === 'Aggregate' && n.strategy === 'Hashed';
    if ((n.nodeType === 'Hash' || isHashAgg) && ((n.hashBatches ?? 1) > 1 || (n.diskUsageKb ?? 0) > 0)) {
      add('hash-spill', n, `${n.label} used ${n.hashBatches ?? 1} batches${n.diskUsageKb ? ` and ${n.diskUsageKb} kB of disk` : ''}${n.originalHashBatches && n.originalHashBatches !== n.hashBatches ? ` (planned ${n.originalHashBatches})` : ''}`, 'Raise work_mem (or hash_mem_multiplier) so the hash table fits in memory');
    }
    if (n.nodeType === 'Nested Loop' && n.children[0]) {
      const outer = n.children[0];
      const rows = rowsOut(outer);
      if (rows !== null && rows > outerRows) {
        add('nested-loop-large-outer', n, `${n.label} runs its inner side for ${rows} outer rows from ${outer.label}`, 'A hash or merge join may be cheaper: check the estimates and the join columns’ indexes');
      }
    }
    if (n.estimateFactor !== null && n.estimateFactor > maxFactor) {
      add('row-estimate-error', n, `${n.label}: planned ${n.planRows} rows, got ${n.actualRows} per loop (${n.estimateDirection === 'under' ? 'underestimated' : 'overestimated'} ${formatFactor(n.estimateFactor)}×)`, `ANALYZE ${n.relationName ?? 'the tables involved'}; for correlated columns, CREATE STATISTICS`);
    }
  }
  return out;
}

function formatFactor(f: number): string {
  return f >= 10 ? String(Math.round(f)) : f.toFixed(1);
}
