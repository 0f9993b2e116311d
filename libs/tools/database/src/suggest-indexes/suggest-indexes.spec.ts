import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { suggestIndexesTool } from './suggest-indexes.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
type Idx = { table: string; columns: string[]; include: string[]; sql: string; queries: number[]; redundant: string[] };

describe('db_suggest_indexes', () => {
  it('suggests equality-first composite, expression and covering indexes, once per shape', async () => {
    const env = structured<Envelope>(await runTool(suggestIndexesTool, { schema: fixture('shop-schema.sql'), queries: fixture('app-queries.sql') }));
    const idx = env.artifacts?.indexes as Idx[];
    expect(idx.map((i) => [i.sql, i.queries, i.redundant])).toEqual([
      ['CREATE INDEX orders_customer_id_status_created_at_idx ON orders (customer_id, status, created_at) INCLUDE (id, total)', [0, 1], []],
      ['CREATE INDEX customers_lower_email_idx ON customers ((lower(email))) INCLUDE (id, email)', [3], []],
      ['CREATE INDEX orders_created_at_idx ON orders (created_at) INCLUDE (total)', [4], []],
      ['CREATE INDEX customers_country_idx ON customers (country) INCLUDE (email, id)', [5], []],
      ['CREATE INDEX orders_customer_id_idx ON orders (customer_id) INCLUDE (total)', [5], []],
      ['CREATE INDEX orders_status_created_at_idx ON orders (status, created_at)', [7], ['orders_status_idx']],
    ]);
    expect(env.artifacts?.queries).toMatchObject([
      { index: 0, usesIndex: 'orders_customer_id_status_created_at_idx' },
      { index: 1, usesIndex: 'orders_customer_id_status_created_at_idx' },
      { index: 2, usesIndex: 'customers_email_key' },
      { index: 3, usesIndex: 'customers_lower_email_idx' },
      { index: 4, usesIndex: 'orders_created_at_idx' },
      { index: 5, usesIndex: 'customers_country_idx' },
      { index: 6, usesIndex: 'orders_pkey' },
      { index: 7, usesIndex: 'orders_status_created_at_idx' },
    ]);
    expect(env.findings.map((f) => [f.ruleId, f.location?.line])).toEqual([
      ['missing-index', 2],
      ['missing-index', 11],
      ['missing-index', 14],
      ['missing-index', 17],
      ['missing-index', 17],
      ['missing-index', 23],
    ]);
    expect(env.findings[5].message).toBe('No index on orders serves (status, created_at) for query 7; it would make orders_status_idx redundant');
  });

  it('accepts equality columns of an existing index in any order', async () => {
    const schema = `${fixture('shop-schema.sql')}\nCREATE INDEX orders_status_customer_created_idx ON orders (status, customer_id, created_at);`;
    const env = structured<Envelope>(await runTool(suggestIndexesTool, { schema, queries: "SELECT id FROM orders WHERE customer_id = 7 AND status = 'open' ORDER BY created_at;" }));
    expect(env.findings).toEqual([]);
    expect(env.artifacts?.queries).toEqual([{ index: 0, sql: "SELECT id FROM orders WHERE customer_id = 7 AND status = 'open' ORDER BY created_at", usesIndex: 'orders_status_customer_created_idx' }]);
  });

  it('reports parse errors in the queries argument and invalid arguments', async () => {
    const reply = await runTool(suggestIndexesTool, { schema: fixture('shop-schema.sql'), queries: 'SELECT id FROM orders WHERE (status = 1;' });
    expect(resultText(reply)).toBe('queries: line 1, column 29: unmatched "("');
    expect(resultText(await runTool(suggestIndexesTool, { schema: 'x' }))).toMatch(/^Invalid arguments: queries:/);
  });
});
