import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { analyzeExplainPlanTool } from './analyze-explain-plan.tool';

// Fixtures are EXPLAIN output recorded from PostgreSQL 15 (psql aligned text, and FORMAT JSON).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const analyze = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(analyzeExplainPlanTool, { content, options }));
type Node = { id: number; parentId: number | null; depth: number; nodeType: string; label: string; exclusiveMs: number; estimateFactor: number | null; estimateDirection: string | null; actualRows: number; sharedHit: number; sharedRead: number };

describe('db_analyze_explain_plan', () => {
  it('builds the tree from psql text output with exclusive times and buffers', async () => {
    const env = await analyze(fixture('join-aggregate-analyze.txt'));
    const nodes = env.metrics?.nodes as Node[];
    expect(nodes.map((n) => [n.id, n.parentId, n.depth, n.nodeType, n.label])).toEqual([
      [1, null, 0, 'Sort', 'Sort'],
      [2, 1, 1, 'Aggregate', 'HashAggregate'],
      [3, 2, 2, 'Hash Join', 'Hash Join'],
      [4, 3, 3, 'Seq Scan', 'Seq Scan on orders o'],
      [5, 3, 3, 'Hash', 'Hash'],
      [6, 5, 4, 'Seq Scan', 'Seq Scan on customers c'],
    ]);
    expect(nodes[2].exclusiveMs).toBeCloseTo(122.972 - 35.844 - 19.193, 6);
    expect(nodes[0].exclusiveMs).toBeCloseTo(153.952 - 153.917, 6);
    expect(env.metrics).toMatchObject({ executionMs: 154.05, planningMs: 0.807, slowestNodes: [3, 4, 2, 5, 6, 1] });
    expect(env.metrics?.bufferHitPercent).toBeCloseTo((5 / 729) * 100, 6);
    expect(env.findings.map((f) => [f.ruleId, f.location?.line, f.nodeId])).toEqual([
      ['low-buffer-hit-ratio', 3, 1],
      ['seq-scan-large-relation', 14, 4],
      ['hash-spill', 18, 5],
    ]);
    expect(env.findings[2].message).toBe('Hash used 16 batches');
    expect(resultText(await runTool(analyzeExplainPlanTool, { content: fixture('join-aggregate-analyze.txt') }))).toContain('| 4 | · · · Seq Scan on orders o | 89939 | 89900 | 1 |');
  });

  it('builds the same labels from JSON, reported at the Node Type lines', async () => {
    const env = await analyze(fixture('join-aggregate-analyze.json'));
    const nodes = env.metrics?.nodes as Node[];
    expect(nodes.map((n) => n.label)).toEqual(['Sort', 'HashAggregate', 'Hash Join', 'Seq Scan on orders o', 'Hash', 'Seq Scan on customers c']);
    expect(env.findings.map((f) => [f.ruleId, f.location?.line])).toEqual([
      ['low-buffer-hit-ratio', 4],
      ['seq-scan-large-relation', 89],
      ['hash-spill', 117],
    ]);
    expect(fixture('join-aggregate-analyze.json').split('\n')[88]).toContain('"Node Type": "Seq Scan"');
  });

  it('flags a sort that spilled to disk', async () => {
    const env = await analyze(fixture('sort-spill.json'));
    expect(env.findings.filter((f) => f.ruleId === 'sort-spill').map((f) => f.message)).toEqual(['Sort spilled to disk (external merge)']);
  });

  it('uses planned rows without ANALYZE, and stays quiet on an index lookup', async () => {
    const seq = await analyze(fixture('seq-scan-plain.txt'));
    expect(seq.findings.map((f) => f.message)).toEqual(['Seq Scan on orders with a filter is planned to return 33290 rows']);
    expect((seq.metrics?.nodes as Node[])[0]).toMatchObject({ exclusiveMs: null, estimateFactor: null, actualRows: null });
    const idx = await analyze(fixture('index-lookup-plain.txt'));
    expect(idx.findings).toEqual([]);
    expect(idx.metrics?.nodes).toEqual([expect.objectContaining({ nodeType: 'Index Scan', indexName: 'customers_pkey', relationName: 'customers', alias: 'customers' })]);
    expect((await analyze(fixture('seq-scan-plain.txt'), { largeRelationRows: 50000 })).findings).toEqual([]);
  });

  it('computes estimate factors and flags nested loops from a hand-checked plan', async () => {
    const plan = [
      ' Nested Loop  (cost=0.29..5000.00 rows=10 width=8) (actual time=0.02..40.00 rows=5000 loops=1)',
      '   ->  Seq Scan on events e  (cost=0.00..100.00 rows=10 width=8) (actual time=0.01..5.00 rows=5000 loops=1)',
      '         Filter: (kind = 3)',
      '   ->  Index Only Scan using users_pkey on users u  (cost=0.29..0.31 rows=1 width=4) (actual time=0.004..0.005 rows=1 loops=5000)',
      '         Index Cond: (id = e.user_id)',
      '         Heap Fetches: 0',
    ].join('\n');
    const env = await analyze(plan);
    const nodes = env.metrics?.nodes as Node[];
    expect(nodes.map((n) => [n.estimateFactor, n.estimateDirection])).toEqual([[500, 'under'], [500, 'under'], [1, 'over']]);
    expect(nodes[0].exclusiveMs).toBeCloseTo(40 - 5 - 25, 6);
    expect(env.findings.map((f) => `${f.ruleId}@${f.location?.line}`)).toEqual(['nested-loop-large-outer@1', 'row-estimate-error@1', 'row-estimate-error@2']);
    expect(env.findings[0].message).toBe('Nested Loop runs its inner side for 5000 outer rows from Seq Scan on events e');
  });

  it('reports parse errors with line and column, and invalid arguments', async () => {
    expect(resultText(await runTool(analyzeExplainPlanTool, { content: '[{"Plan": {"Node Type": "Seq Scan",\n  "Plan Rows": }}]' }))).toBe('line 2, column 16: invalid EXPLAIN JSON: unexpected "}"');
    expect(resultText(await runTool(analyzeExplainPlanTool, { content: 'SELECT 1;' }))).toBe('line 1, column 1: not PostgreSQL EXPLAIN output: expected a plan node heading such as "Seq Scan on t  (cost=…)"');
    expect(resultText(await runTool(analyzeExplainPlanTool, { content: 'x', options: { maxEstimateFactor: 0 } }))).toMatch(/^Invalid arguments: options\.maxEstimateFactor/);
  });
});
