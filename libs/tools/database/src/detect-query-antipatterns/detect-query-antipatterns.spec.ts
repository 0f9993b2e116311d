import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { detectQueryAntipatternsTool } from './detect-query-antipatterns.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const detect = async (args: Record<string, unknown>) => structured<Envelope>(await runTool(detectQueryAntipatternsTool, args));
const brief = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.location?.line}:${f.location?.column}`);

describe('db_detect_query_antipatterns', () => {
  it('finds every antipattern in a reporting script, naming table and column', async () => {
    const env = await detect({ content: fixture('report-queries.sql') });
    expect(brief(env.findings)).toEqual([
      'select-star@2:8',
      'non-sargable-predicate@6:7',
      'non-sargable-predicate@7:7',
      'leading-wildcard-like@9:56',
      'not-in-subquery@12:12',
      'implicit-cross-join@15:19',
      'large-offset@18:75',
      'order-by-random@20:34',
      'correlated-subquery@23:8',
      'update-without-where@26:1',
      'delete-without-where@28:1',
      'non-sargable-predicate@30:45',
      'non-sargable-predicate@30:75',
    ]);
    const msg = (id: string) => env.findings.find((f) => f.ruleId === id)!.message;
    expect(msg('non-sargable-predicate')).toBe('lower() on orders.email in a predicate (lower(o.email)) prevents an index on orders.email from being used');
    expect(msg('leading-wildcard-like')).toContain("LIKE '%son' on customers.name");
    expect(msg('implicit-cross-join')).toBe('customers and orders are comma-joined with no join predicate: every row of customers pairs with every row of orders');
    expect(msg('correlated-subquery')).toBe('Subquery on orders references the outer customers.id and runs once per outer row');
    expect(msg('select-star')).toBe('SELECT * reads every column of orders');
  });

  it('is silent on reviewed queries', async () => {
    const env = await detect({ content: fixture('clean-queries.sql') });
    expect(env.findings).toEqual([]);
  });

  it('uses the schema for NOT IN nullability', async () => {
    const content = 'SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT o.customer_id FROM orders o);';
    const nullable = await detect({ content, schema: 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);' });
    expect(nullable.findings.map((f) => f.message)).toEqual([expect.stringContaining('orders.customer_id is nullable')]);
    const notNull = await detect({ content, schema: 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);' });
    expect(notNull.findings).toEqual([]);
  });

  it('reads a PostgreSQL log, reports N+1 patterns at the log line', async () => {
    const env = await detect({ content: fixture('postgres.log') });
    expect(brief(env.findings)).toEqual(['n-plus-one@3:73', 'select-star@7:81']);
    expect(env.findings[0]).toMatchObject({ fingerprint: 'select id, total from orders where user_id = ?', count: 4, table: 'orders' });
    const twice = await detect({ content: fixture('postgres.log'), options: { nPlusOneMin: 2 } });
    expect(twice.findings.filter((f) => f.ruleId === 'n-plus-one').map((f) => f.fingerprint)).toEqual([
      'select id, total from orders where user_id = ?',
      'select name from tags where id in (?)',
    ]);
  });

  it('reads MySQL LIMIT offset, count and backticks', async () => {
    const env = await detect({ content: 'SELECT `id` FROM `posts` ORDER BY RAND() LIMIT 20000, 10;', options: { dialect: 'mysql' } });
    expect(env.findings.map((f) => f.ruleId)).toEqual(['order-by-random', 'large-offset']);
  });

  it('reports parse errors and invalid arguments', async () => {
    expect(resultText(await runTool(detectQueryAntipatternsTool, { content: 'SELECT id FROM t WHERE\n  a = ;' }))).toBe('line 2, column 6: expected an expression but the statement ended');
    expect(resultText(await runTool(detectQueryAntipatternsTool, { content: 'x', options: { maxOffset: -1 } }))).toMatch(/^Invalid arguments: options\.maxOffset/);
  });
});
