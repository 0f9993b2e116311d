import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { reviewSchemaTool } from './review-schema.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const review = async (schema: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(reviewSchemaTool, { schema, options }));
const ids = (env: Envelope, id: string) => env.findings.filter((f) => f.ruleId === id);

describe('db_review_schema', () => {
  it('reports every rule on a schema with problems, at the construct', async () => {
    const env = await review(fixture('shop-problems.sql'));
    expect(ids(env, 'table-without-primary-key').map((f) => f.message)).toEqual(['Table order_items has no primary key']);
    expect(ids(env, 'foreign-key-without-index').map((f) => f.location?.line)).toEqual([12, 24]);
    expect(ids(env, 'foreign-key-without-index')[0].message).toContain('orders.customer_id');
    expect(ids(env, 'nullable-foreign-key').map((f) => f.message)).toEqual(['Foreign key column orders.customer_id (→ customers) is nullable']);
    expect(ids(env, 'timestamp-without-time-zone')).toMatchObject([{ location: { line: 6, column: 16 }, message: expect.stringContaining('customers.created_at') }]);
    expect(ids(env, 'wide-varchar').map((f) => f.message)).toEqual([expect.stringContaining('customers.bio is varchar(5000)')]);
    expect(ids(env, 'inconsistent-naming').map((f) => f.message)).toEqual([
      'Column customers.firstName is not lower snake_case',
      'Index name "OrdersPlacedAt" is not lower snake_case',
    ]);
    expect(ids(env, 'missing-not-null').map((f) => f.message)).toEqual(['Column customers.email is nullable', 'Column customers.created_at is nullable']);
    expect(ids(env, 'duplicate-index').map((f) => f.message)).toEqual([
      'Index orders_placed_at_idx on orders (placed_at) duplicates index OrdersPlacedAt (placed_at)',
      'Index customers_email_idx on customers (email) duplicates index customers_email_key (email)',
    ]);
    expect(ids(env, 'redundant-index').map((f) => f.message)).toEqual([
      'Index orders_status_idx on orders (status) is a leading prefix of index orders_status_placed_idx (status, placed_at)',
    ]);
  });

  it('is silent on a clean pg_dump schema (partial index beside a full one is no duplicate)', async () => {
    const env = await review(fixture('shop-clean.sql'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.tables).toEqual([
      { name: 'customers', columns: 4, primaryKey: ['id'], foreignKeys: 0, indexes: 2 },
      { name: 'orders', columns: 5, primaryKey: ['id'], foreignKeys: 1, indexes: 4 },
    ]);
  });

  it('honours maxVarcharLength and notNullColumns', async () => {
    const env = await review('CREATE TABLE t (id int PRIMARY KEY, code varchar(50), title text);', { maxVarcharLength: 20, notNullColumns: ['title'] });
    expect(env.findings.map((f) => f.ruleId)).toEqual(['wide-varchar', 'missing-not-null']);
  });

  it('reads MySQL DDL with backticks and inline keys', async () => {
    const env = await review(
      'CREATE TABLE `orders` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `customer_id` int(11) NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `idx_customer` (`customer_id`),\n  CONSTRAINT `fk_c` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
      { dialect: 'mysql' },
    );
    expect(env.findings).toEqual([]);
  });

  it('reports a parse error with line and column', async () => {
    const reply = await runTool(reviewSchemaTool, { schema: 'CREATE TABLE a (\n  id int PRIMARY KEY,\n  name text\n;' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('schema: line 1, column 16: unmatched "("');
    const tick = await runTool(reviewSchemaTool, { schema: 'CREATE TABLE `a` (id int);' });
    expect(resultText(tick)).toMatch(/^schema: line 1, column 14: backtick-quoted identifiers are MySQL syntax/);
  });

  it('names the invalid field', async () => {
    const reply = await runTool(reviewSchemaTool, { schema: 'x', options: { dialect: 'oracle' } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.dialect/);
  });
});
