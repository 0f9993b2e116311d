import type { BenchCase } from '@mcp/core-protocol/testing';
import { lintSqlTool } from '../src/lint-sql/lint-sql.tool';
import { detectQueryAntipatternsTool } from '../src/detect-query-antipatterns/detect-query-antipatterns.tool';
import { analyzeExplainPlanTool } from '../src/analyze-explain-plan/analyze-explain-plan.tool';
import { lintMigrationTool } from '../src/lint-migration/lint-migration.tool';
import { reviewSchemaTool } from '../src/review-schema/review-schema.tool';
import { diffSchemasTool } from '../src/diff-schemas/diff-schemas.tool';
import { generateErdTool } from '../src/generate-erd/generate-erd.tool';
import { suggestIndexesTool } from '../src/suggest-indexes/suggest-indexes.tool';

/** A reporting query of 14 lines; `i` varies names and literals so statements differ. */
function reportQuery(i: number): string {
  return `WITH recent_${i} AS (
    SELECT
        o.customer_id,
        max(o.created_at) AS last_order_at
    FROM orders AS o
    WHERE o.status != 'cancelled' AND o.total > ${i}
    GROUP BY o.customer_id
)

SELECT c.id, c.email, r.last_order_at
FROM customers c
JOIN recent_${i} AS r ON r.customer_id = c.id
WHERE lower(c.email) LIKE '%@example.com' AND c.id NOT IN (SELECT customer_id FROM blocked)
ORDER BY r.last_order_at DESC LIMIT 20 OFFSET ${i * 100};
`;
}

/** A table of 9 lines with a foreign key to the previous one, plus an index. */
function table(i: number, variant = 0): string {
  return `CREATE TABLE t_${i} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint${i > 0 ? ` REFERENCES t_${i - 1} (id)` : ''},
    name varchar(${variant ? 200 : 100}) NOT NULL,
    "createdAt" timestamp DEFAULT now(),
    status text${variant ? ' NOT NULL' : ''},
    payload jsonb
);
CREATE INDEX t_${i}_name_idx ON t_${i} (name${variant ? ', status' : ''});
`;
}

const repeat = (lines: number, per: number, f: (i: number) => string) => Array.from({ length: Math.max(1, Math.round(lines / per)) }, (_, i) => f(i)).join('\n');

function migration(i: number): string {
  return `ALTER TABLE accounts_${i} ADD COLUMN region_${i} text NOT NULL DEFAULT gen_random_uuid()::text;
CREATE INDEX accounts_${i}_region_idx ON accounts_${i} (region_${i});
ALTER TABLE accounts_${i} ADD CONSTRAINT accounts_${i}_fk FOREIGN KEY (org_id) REFERENCES orgs (id);
ALTER TABLE accounts_${i} ALTER COLUMN score TYPE bigint;
`;
}

function planText(lines: number): string {
  const parts = Math.max(1, Math.round(lines / 3));
  const out = [' Append  (cost=0.00..99999.00 rows=100000 width=8) (actual time=0.010..950.000 rows=90000 loops=1)'];
  for (let i = 0; i < parts; i++) {
    out.push(`   ->  Seq Scan on events_p${i} events_${i}  (cost=0.00..${100 + i}.00 rows=${100 + i} width=8) (actual time=0.005..${(1 + i / 100).toFixed(3)} rows=${90 + (i % 50)} loops=1)`);
    out.push(`         Filter: (kind = ${i % 7})`);
    out.push(`         Rows Removed by Filter: ${20000 + i}`);
  }
  out.push(' Planning Time: 1.234 ms', ' Execution Time: 960.000 ms');
  return out.join('\n');
}

export default [
  { tool: lintSqlTool, input: (lines: number) => ({ content: repeat(lines, 15, reportQuery) }) },
  { tool: detectQueryAntipatternsTool, input: (lines: number) => ({ content: repeat(lines, 15, reportQuery) }) },
  { tool: analyzeExplainPlanTool, input: (lines: number) => ({ content: planText(lines) }) },
  { tool: lintMigrationTool, input: (lines: number) => ({ content: repeat(lines, 4, migration) }) },
  { tool: reviewSchemaTool, input: (lines: number) => ({ schema: repeat(lines, 9, (i) => table(i)) }) },
  { tool: diffSchemasTool, input: (lines: number) => ({ before: repeat(lines / 2, 9, (i) => table(i)), after: repeat(lines / 2, 9, (i) => table(i, i % 3 === 0 ? 1 : 0)) }) },
  { tool: generateErdTool, input: (lines: number) => ({ schema: repeat(lines, 9, (i) => table(i)) }) },
  {
    tool: suggestIndexesTool,
    input: (lines: number) => ({
      schema: repeat(30, 9, (i) => table(i)),
      queries: repeat(lines, 1, (i) => `SELECT id, name FROM t_${i % 3} WHERE parent_id = ${i} AND status = 'open' ORDER BY name;`),
    }),
  },
] satisfies BenchCase[];
