import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintSqlTool } from './lint-sql.tool';
import { lintSqlRules } from './lint-sql.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(lintSqlTool, { content, options }));
const at = (env: Envelope, id: string) => env.findings.filter((f) => f.ruleId === id).map((f) => `${f.location?.line}:${f.location?.column}`);

/** One realistic statement per rule that must fire, with the position sqlfluff reports. */
const FIRES: [string, string, string[], string?][] = [
  ['AL01', 'SELECT c.id FROM customers c;\n', ['1:28']],
  ['AL02', 'SELECT o.total amount FROM orders AS o;\n', ['1:16']],
  ['AL03', 'SELECT o.id, o.total * 1.19 FROM orders AS o;\n', ['1:14']],
  ['AL04', 'SELECT o.id FROM orders AS o INNER JOIN order_items AS o ON o.id = o.order_id;\n', ['1:56']],
  ['AL05', 'SELECT id FROM orders AS o;\n', ['1:26']],
  ['AL08', 'SELECT o.id, o.customer_id AS id FROM orders AS o;\n', ['1:31']],
  ['AL09', 'SELECT o.total AS total FROM orders AS o;\n', ['1:19']],
  ['AM01', 'SELECT DISTINCT o.status FROM orders AS o GROUP BY o.status;\n', ['1:8']],
  ['AM02', 'SELECT id FROM customers\nUNION\nSELECT id FROM archived_customers;\n', ['2:1']],
  ['AM03', 'SELECT id FROM orders ORDER BY created_at DESC, id;\n', ['1:23']],
  ['AM04', 'SELECT * FROM orders;\n', ['1:1']],
  ['AM05', 'SELECT o.id FROM orders AS o JOIN customers AS c ON o.customer_id = c.id;\n', ['1:30']],
  ['AM06', 'SELECT status, count(*) AS n FROM orders GROUP BY 1 ORDER BY status;\n', ['1:42']],
  ['AM07', 'SELECT id, email FROM customers\nUNION ALL\nSELECT id FROM archived_customers;\n', ['1:1']],
  ['CP01', 'SELECT id from orders;\n', ['1:11']],
  ['CP02', 'SELECT id, Total FROM orders;\n', ['1:12']],
  ['CP03', 'SELECT max(id), COUNT(*) FROM orders;\n', ['1:17']],
  ['CP04', 'SELECT id FROM orders WHERE paid = TRUE OR refunded = false;\n', ['1:55']],
  ['CP05', 'SELECT CAST(total AS NUMERIC), CAST(id AS text) FROM orders;\n', ['1:43']],
  ['CV01', 'SELECT id FROM orders WHERE status != 1 AND kind <> 2;\n', ['1:50']],
  ['CV02', 'SELECT ifnull(note, \'\') AS note FROM orders;\n', ['1:8']],
  ['CV03', 'SELECT id, total, FROM orders;\n', ['1:17']],
  ['CV04', 'SELECT count(1) FROM orders;\n', ['1:8']],
  ['CV05', 'SELECT id FROM orders WHERE shipped_at = NULL;\n', ['1:40']],
  ['CV06', 'SELECT id FROM orders ;\n', ['1:22']],
  ['CV07', '(SELECT id FROM orders);\n', ['1:1']],
  ['CV08', 'SELECT o.id FROM orders AS o RIGHT JOIN customers AS c ON o.customer_id = c.id;\n', ['1:30']],
  ['CV10', "SELECT id FROM posts WHERE status = 'draft' OR title = \"x\";\n", ['1:56'], 'mysql'],
  ['CV11', 'SELECT total::int, CAST(id AS text) FROM orders;\n', ['1:20']],
  ['LT01', 'SELECT id,total FROM orders WHERE total>10;\n', ['1:11', '1:40', '1:41']],
  ['LT02', 'SELECT id\n\tFROM orders;\n', ['2:2']],
  ['LT03', 'SELECT id FROM orders WHERE total > 10 AND\n    status = 1;\n', ['1:40']],
  ['LT04', 'SELECT\n    id\n    , total\nFROM orders;\n', ['3:5']],
  ['LT05', `SELECT id, customer_id, status, total, created_at, updated_at, shipped_at FROM orders;\n`, ['1:87']],
  ['LT06', 'SELECT max (total) FROM orders;\n', ['1:11']],
  ['LT07', 'WITH t AS (\n    SELECT id FROM orders)\n\nSELECT id FROM t;\n', ['2:26']],
  ['LT08', 'WITH t AS (\n    SELECT id FROM orders\n)\nSELECT id FROM t;\n', ['4:1']],
  ['LT09', 'SELECT id, total\nFROM orders;\n', ['1:1']],
  ['LT10', 'SELECT\n    DISTINCT status\nFROM orders;\n', ['1:1']],
  ['LT11', 'SELECT id FROM customers UNION ALL SELECT id FROM archived_customers;\n', ['1:26']],
  ['LT12', 'SELECT id FROM orders;', ['1:1']],
  ['ST01', "SELECT CASE WHEN total > 100 THEN 'big' ELSE NULL END AS size FROM orders;\n", ['1:8']],
  ['ST02', 'SELECT CASE WHEN total > 100 THEN TRUE ELSE FALSE END AS big FROM orders;\n', ['1:18']],
  ['ST03', 'WITH unused AS (SELECT 1 AS one)\n\nSELECT id FROM orders;\n', ['1:6']],
  ['ST04', "SELECT CASE WHEN a THEN 'a' ELSE CASE WHEN b THEN 'b' END END AS v FROM t;\n", ['1:8']],
  ['ST05', 'SELECT o.id FROM orders AS o INNER JOIN (SELECT id FROM customers) AS c ON o.customer_id = c.id;\n', ['1:41']],
  ['ST06', 'SELECT count(*) AS n, status FROM orders GROUP BY status;\n', ['1:1']],
  ['ST07', 'SELECT o.id FROM orders AS o INNER JOIN customers AS c USING (customer_id);\n', ['1:56']],
  ['ST08', 'SELECT DISTINCT (status) FROM orders;\n', ['1:17']],
  ['ST09', 'SELECT o.id FROM orders AS o INNER JOIN customers AS c ON c.id = o.customer_id;\n', ['1:59']],
];

describe('db_lint_sql', () => {
  // rows have 3 or 4 items: read them as one rest parameter so Jest does not see a `done` callback
  it.each(FIRES)('%s fires at the sqlfluff position', async (...row) => {
    const [id, sql, positions, dialect] = row as [string, string, string[], string?];
    expect(at(await lint(sql, { rules: [id], ...(dialect ? { dialect } : {}) }), id)).toEqual(positions);
  });

  it('lists every implemented rule, at least the contract set', () => {
    const ids = lintSqlRules.map((r) => r.id);
    for (const id of ['AL01', 'AL02', 'AL03', 'AL04', 'AL05', 'AL08', 'AL09', 'AM01', 'AM02', 'AM03', 'AM04', 'AM05', 'AM06', 'AM07', 'CP01', 'CP02', 'CP03', 'CP04', 'CP05', 'CV01', 'CV02', 'CV03', 'CV04', 'CV05', 'CV06', 'CV07', 'CV08', 'CV11', 'ST01', 'ST02', 'ST03', 'ST04', 'ST05', 'ST06', 'ST07', 'ST08', 'ST09']) expect(ids).toContain(id);
    for (let k = 1; k <= 12; k++) expect(ids).toContain(`LT${String(k).padStart(2, '0')}`);
    expect(FIRES.map((f) => f[0]).sort()).toEqual(ids.filter((i) => i !== 'LT13').sort());
  });

  it('is silent on a clean, sqlfluff-formatted report query', async () => {
    const env = await lint(fixture('clean-report.sql'));
    expect(env.findings).toEqual([]);
  });

  it('treats table and index names before a column list as identifiers, not functions', async () => {
    const env = await lint('CREATE TABLE albums (album_id integer PRIMARY KEY, title text);\nCREATE INDEX albums_title_idx ON albums (title);\nINSERT INTO albums (album_id, title) VALUES (1, upper(\'x\'));\n', { rules: ['CP02', 'CP03', 'LT06'] });
    expect(env.findings).toEqual([]);
  });

  it('reports many rules on a messy script, with counts per rule', async () => {
    const env = await lint(fixture('report-violations.sql'));
    expect(env.metrics?.rules).toEqual([
      { name: 'AL01', count: 1 }, { name: 'AL02', count: 1 }, { name: 'AL03', count: 3 }, { name: 'AM03', count: 1 }, { name: 'AM05', count: 1 }, { name: 'AM06', count: 1 },
      { name: 'CP01', count: 2 }, { name: 'CV01', count: 1 }, { name: 'CV04', count: 1 }, { name: 'CV05', count: 1 }, { name: 'LT01', count: 2 }, { name: 'LT09', count: 1 },
      { name: 'ST06', count: 1 }, { name: 'ST09', count: 1 },
    ]);
    expect(env.findings.find((f) => f.ruleId === 'CP01')?.message).toBe('Keywords must be consistently lower case: FROM');
  });

  it('honours maxLineLength and MySQL syntax', async () => {
    expect(at(await lint('SELECT id, total FROM orders;\n', { maxLineLength: 20, rules: ['LT05'] }), 'LT05')).toEqual(['1:30']);
    const env = await lint('SELECT `id`, IFNULL(`note`, \'\') AS note FROM `orders` # legacy\n;\n', { dialect: 'mysql', rules: ['CV02'] });
    expect(at(env, 'CV02')).toEqual(['1:14']);
  });

  it('reports parse errors and invalid arguments', async () => {
    expect(resultText(await runTool(lintSqlTool, { content: 'SELECT id FROM orders WHERE (total > 1;\n' }))).toBe('line 1, column 29: unmatched "("');
    expect(resultText(await runTool(lintSqlTool, { content: 'SELECT CASE WHEN a THEN 1 FROM t;\n' }))).toBe('line 1, column 27: expected END but found "FROM"');
    expect(resultText(await runTool(lintSqlTool, { content: 'x', options: { maxLineLength: 'long' } }))).toMatch(/^Invalid arguments: options\.maxLineLength/);
  });
});
