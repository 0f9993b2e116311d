import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { startPostgres, type Postgres } from '../shared/testing/postgres';
import { analyzeExplainPlanTool } from './analyze-explain-plan.tool';

/**
 * Plans produced by a real PostgreSQL on generated data (TOOLS.md: not hand-written plans
 * alone). shared_buffers is tiny so that a scan of the 100k-row table reads from outside it.
 */
const SETUP = `
CREATE TABLE customers (id int PRIMARY KEY, country text NOT NULL);
INSERT INTO customers SELECT g, (ARRAY['de','fr','us','jp'])[1 + g % 4] FROM generate_series(1, 20000) g;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, total numeric NOT NULL, status text NOT NULL, flag_a int NOT NULL, flag_b int NOT NULL);
INSERT INTO orders SELECT g, 1 + g % 20000, (g * 7919) % 1000, (ARRAY['new','paid','shipped'])[1 + g % 3], g % 100, g % 100 FROM generate_series(1, 100000) g;
ANALYZE customers;
ANALYZE orders;
`;

const explain = (pg: Postgres, sql: string, format: 'TEXT' | 'JSON', settings = '') =>
  pg.psql(`${settings}\nEXPLAIN (ANALYZE, BUFFERS, FORMAT ${format}) ${sql};`, 'plans');

const analyze = async (content: string) => structured<Envelope>(await runTool(analyzeExplainPlanTool, { content }));
const ids = (fs: Finding[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

describe('db_analyze_explain_plan on PostgreSQL plans', () => {
  let pg: Postgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres(['shared_buffers=1MB']);
    if (pg) {
      pg.createDb('plans');
      pg.psql(SETUP, 'plans');
    }
  }, 120_000);
  afterAll(() => pg?.stop());

  it('reads text and JSON of the same plan into the same tree', async () => {
    if (!pg) return;
    const sql = "SELECT c.country, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'paid' GROUP BY c.country ORDER BY 2 DESC";
    const text = await analyze(explain(pg, sql, 'TEXT'));
    const json = await analyze(explain(pg, sql, 'JSON'));
    type Row = { label: string; nodeType: string; depth: number; parentId: number | null; planRows: number; actualRows: number; loops: number; relationName: string | null; alias: string | null };
    const shape = (e: Envelope) => (e.metrics?.nodes as Row[]).map((n) => [n.label, n.nodeType, n.depth, n.parentId, n.planRows, n.actualRows, n.loops, n.relationName, n.alias]);
    expect(shape(text)).toEqual(shape(json));
    const labels = (json.metrics?.nodes as Row[]).map((n) => n.label);
    expect(labels).toContain('Seq Scan on orders o');
    expect(labels.some((l) => /^(Hash|Merge) Join$|^Nested Loop/.test(l))).toBe(true);
    expect(labels.some((l) => /Aggregate$/.test(l))).toBe(true);
    expect(json.metrics?.executionMs).toEqual(expect.any(Number));
    expect(json.metrics?.format).toBe('json');
    expect(text.metrics?.format).toBe('text');
  }, 60_000);

  it('flags a large filtered seq scan and a low buffer hit ratio', async () => {
    if (!pg) return;
    for (const format of ['TEXT', 'JSON'] as const) {
      const env = await analyze(explain(pg, 'SELECT id FROM orders WHERE total > 990', format));
      const seq = env.findings.find((f) => f.ruleId === 'seq-scan-large-relation');
      expect(seq?.message).toMatch(/^Seq Scan on orders with a filter reads 100000 rows \(\d+ kept, \d+ removed by the filter\)$/);
      expect(ids(env.findings)).toContain('low-buffer-hit-ratio');
      expect(env.metrics?.bufferHitPercent).toBeLessThan(90);
    }
  }, 60_000);

  it('flags sorts and hashes that spill with a small work_mem', async () => {
    if (!pg) return;
    const settings = "SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0;";
    for (const format of ['TEXT', 'JSON'] as const) {
      const sort = await analyze(explain(pg, 'SELECT * FROM orders ORDER BY total, status', format, settings));
      expect(sort.findings.find((f) => f.ruleId === 'sort-spill')?.message).toMatch(/^Sort spilled to disk \(external (merge|sort)\)$/);
      const hash = await analyze(explain(pg, 'SELECT o.id, c.country FROM orders o JOIN customers c ON c.id = o.customer_id', format, `${settings} SET enable_mergejoin = off; SET enable_nestloop = off;`));
      expect(hash.findings.find((f) => f.ruleId === 'hash-spill')?.message).toMatch(/^Hash used \d+ batches/);
    }
  }, 60_000);

  it('flags a nested loop over a large outer side and a bad row estimate', async () => {
    if (!pg) return;
    const settings = 'SET enable_hashjoin = off; SET enable_mergejoin = off; SET max_parallel_workers_per_gather = 0;';
    for (const format of ['TEXT', 'JSON'] as const) {
      const env = await analyze(explain(pg, 'SELECT o.id, c.country FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total < 500', format, settings));
      expect(env.findings.find((f) => f.ruleId === 'nested-loop-large-outer')?.message).toMatch(/^Nested Loop runs its inner side for \d{5} outer rows from Seq Scan on orders o$/);
      // flag_a = flag_b always: the planner multiplies two 1% selectivities
      const est = await analyze(explain(pg, 'SELECT id FROM orders WHERE flag_a = 1 AND flag_b = 1', format, settings));
      const f = est.findings.find((x) => x.ruleId === 'row-estimate-error');
      expect(f?.message).toMatch(/^Seq Scan on orders: planned \d+ rows, got 1000 per loop \(underestimated \d+×\)$/);
      expect(f?.nodeId).toBe(1);
    }
  }, 60_000);

  it('stays quiet on a cached index lookup', async () => {
    if (!pg) return;
    pg.psql('SELECT * FROM customers WHERE id = 42;', 'plans');
    const env = await analyze(explain(pg, 'SELECT * FROM customers WHERE id = 42', 'JSON'));
    expect(env.findings).toEqual([]);
    expect((env.metrics?.nodes as { label: string }[])[0].label).toBe('Index Scan using customers_pkey on customers');
  }, 60_000);
});
