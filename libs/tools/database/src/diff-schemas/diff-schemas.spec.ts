import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { diffSchemasTool } from './diff-schemas.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
type Changes = { sql: string; object: string; kind: string; classification: string }[];

describe('db_diff_schemas', () => {
  it('writes an ordered migration and classifies every change', async () => {
    const env = structured<Envelope>(await runTool(diffSchemasTool, { before: fixture('shop-v1.sql'), after: fixture('shop-v2.sql') }));
    const changes = env.artifacts?.changes as Changes;
    expect(changes.map((c) => `${c.classification} ${c.sql}`)).toEqual([
      "safe ALTER TYPE order_status ADD VALUE 'refunded';",
      'safe DROP INDEX orders_note_idx;',
      'safe CREATE TABLE shipments (\n    id bigint GENERATED ALWAYS AS IDENTITY,\n    order_id integer NOT NULL,\n    carrier text NOT NULL,\n    shipped_at timestamptz,\n    PRIMARY KEY (id)\n);',
      'data-dependent ALTER TABLE customers ALTER COLUMN full_name TYPE varchar(50);',
      'data-dependent ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;',
      'backward-incompatible ALTER TABLE customers ALTER COLUMN created_at TYPE timestamptz;',
      'data-dependent ALTER TABLE customers ADD COLUMN country char(2) NOT NULL;',
      'data-dependent ALTER TABLE customers ADD UNIQUE (email);',
      'backward-incompatible ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);',
      'data-dependent ALTER TABLE orders ADD CHECK (total >= 0);',
      'destructive ALTER TABLE customers DROP COLUMN legacy_code;',
      'destructive DROP TABLE coupons;',
      'safe CREATE INDEX shipments_order_id_idx ON shipments (order_id);',
      'safe ALTER TABLE shipments ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;',
    ]);
    expect(env.findings.filter((f) => f.ruleId === 'destructive-change').map((f) => [f.message, f.location])).toEqual([
      ['Drop column of customers.legacy_code is destructive: its data is lost', { path: 'before', line: 7, column: 5 }],
      ['Drop table of coupons is destructive: its data is lost', { path: 'before', line: 21, column: 14 }],
    ]);
    expect(env.summary).toMatchObject({ errors: 2, warnings: 7 });
    expect(String(env.artifacts?.migration)).toMatch(/^ALTER TYPE order_status ADD VALUE 'refunded';\n\nDROP INDEX orders_note_idx;\n\nCREATE TABLE shipments/);
  });

  it('emits nothing for equivalent spellings', async () => {
    const env = structured<Envelope>(
      await runTool(diffSchemasTool, {
        before: 'CREATE TABLE a (id int PRIMARY KEY, b varchar(10), c timestamp with time zone, d bool);\nCREATE TABLE z (id int);',
        after: 'CREATE TABLE z (id integer);\nCREATE TABLE "a" ("id" INTEGER, b CHARACTER VARYING(10), c timestamptz, d boolean, CONSTRAINT a_pkey PRIMARY KEY (id));',
      }),
    );
    expect(env.artifacts).toEqual({ migration: '', changes: [] });
    expect(env.findings).toEqual([]);
  });

  it('adds USING for a cast PostgreSQL does not apply implicitly', async () => {
    const env = structured<Envelope>(await runTool(diffSchemasTool, { before: 'CREATE TABLE t (n text);', after: 'CREATE TABLE t (n integer);' }));
    expect((env.artifacts?.changes as Changes)[0].sql).toBe('ALTER TABLE t ALTER COLUMN n TYPE integer USING n::integer;');
  });

  it('names which side failed to parse', async () => {
    const reply = await runTool(diffSchemasTool, { before: 'CREATE TABLE a (id int);', after: 'CREATE TABLE a (id int,\n  b text DEFAULT $$x);' });
    expect(resultText(reply)).toBe('after: line 2, column 18: unterminated dollar-quoted string $$');
    expect(resultText(await runTool(diffSchemasTool, { before: 'x' }))).toMatch(/^Invalid arguments: after:/);
  });
});
