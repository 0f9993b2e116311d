import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { dialectOf, dialectOption, schemaText } from '../shared/options';
import { buildSchema, columnLabel, indexesOf, type IndexLike, type SchemaModel, type Table } from '../shared/schema-model';
import { typeInfo } from '../shared/types';
import type { Token } from '../shared/lexer';

const DEFAULT_NOT_NULL = ['created_at', 'updated_at', 'email', 'name', 'first_name', 'last_name', 'status'];

export const reviewSchemaRules: RuleDoc[] = [
  { id: 'table-without-primary-key', severity: 'warning', summary: 'A table has no PRIMARY KEY: rows cannot be addressed, replicated logically or deduplicated' },
  { id: 'foreign-key-without-index', severity: 'warning', summary: 'No index, primary key or unique constraint leads with the foreign key columns: joins and parent deletes scan the child table' },
  { id: 'duplicate-index', severity: 'warning', summary: 'An index has the same columns, expressions and predicate as another index or constraint' },
  { id: 'redundant-index', severity: 'info', summary: 'A non-unique index whose columns are a leading prefix of another index' },
  { id: 'timestamp-without-time-zone', severity: 'warning', summary: 'timestamp without time zone loses the offset; use timestamptz' },
  { id: 'nullable-foreign-key', severity: 'info', summary: 'A foreign key column accepts NULL' },
  { id: 'wide-varchar', severity: 'info', summary: 'varchar(n) with a very large n: use text (with a CHECK if a limit matters)' },
  { id: 'inconsistent-naming', severity: 'info', summary: 'An identifier that is not lower snake_case (needs quoting forever)' },
  { id: 'missing-not-null', severity: 'warning', summary: 'A column that is obviously required (created_at, email, name, status, ...) is nullable' },
];

const rule = (id: string) => reviewSchemaRules.find((r) => r.id === id)!;

export const reviewSchemaTool = defineTool({
  name: 'db_review_schema',
  title: 'Review schema',
  description:
    'Reviews DDL (CREATE TABLE, CREATE INDEX, ALTER TABLE … ADD CONSTRAINT, pg_dump output) for missing primary keys, unindexed foreign keys, duplicate and redundant indexes, timestamps without time zone, nullable foreign keys, wide varchars, naming and missing NOT NULL, like schemacrawler lint and Atlas lint.',
  input: z
    .object({
      schema: z.string().optional().describe('DDL to review (CREATE TABLE, CREATE INDEX, ALTER TABLE statements)'),
      content: z.string().optional().describe('Alias of schema'),
      options: analyzerOptions({
        dialect: dialectOption,
        maxVarcharLength: z.number().int().positive().optional().describe('wide-varchar threshold for n in varchar(n); default 1000'),
        notNullColumns: z.array(z.string()).optional().describe('Column names that must be NOT NULL (replaces the default list)'),
      }),
    })
    .strict(),
  rules: reviewSchemaRules,
  run(args) {
    const { text, source } = schemaText(args);
    const model = buildSchema(text, dialectOf(args.options), source);
    const findings = reviewSchema(model, args.options?.maxVarcharLength ?? 1000, args.options?.notNullColumns ?? DEFAULT_NOT_NULL);
    const tables = [...model.tables.values()].map((t) => ({
      name: t.key,
      columns: t.columns.length,
      primaryKey: t.primaryKey?.columns ?? [],
      foreignKeys: t.foreignKeys.length,
      indexes: indexesOf(model, t).length,
    }));
    return { findings, metrics: { tableCount: tables.length, indexCount: model.indexes.length, tables } };
  },
  render(env) {
    const rows = ((env.metrics?.tables ?? []) as { name: string; columns: number; primaryKey: string[]; foreignKeys: number; indexes: number }[]).map((t) => [
      t.name,
      t.columns,
      t.primaryKey.join(', ') || '—',
      t.foreignKeys,
      t.indexes,
    ]);
    return [table(['table', 'columns', 'primary key', 'foreign keys', 'indexes'], rows)];
  },
});

function at(token: Token) {
  return { line: token.line, column: token.col };
}

function finding(id: string, message: string, token: Token, fix: string, extra: Record<string, unknown> = {}): Finding {
  const r = rule(id);
  return { ruleId: id, severity: r.severity, message, location: at(token), fix, ...extra };
}

const SNAKE = /^[a-z_][a-z0-9_]*$/;

export function reviewSchema(model: SchemaModel, maxVarchar: number, notNullNames: string[]): Finding[] {
  const out: Finding[] = [];
  const requiredNames = new Set(notNullNames.map((n) => n.toLowerCase()));
  for (const t of model.tables.values()) {
    if (!t.primaryKey) {
      out.push(finding('table-without-primary-key', `Table ${t.key} has no primary key`, t.token, `Add a primary key, e.g. ALTER TABLE ${t.key} ADD PRIMARY KEY (id)`, { table: t.key }));
    }
    if (!SNAKE.test(t.name)) out.push(finding('inconsistent-naming', `Table name ${JSON.stringify(t.name)} is not lower snake_case`, t.token, `Rename it to ${snake(t.name)}`, { table: t.key }));
    const idx = indexesOf(model, t);
    for (const c of t.columns) {
      const label = columnLabel(t.key, c.name);
      if (!SNAKE.test(c.name)) out.push(finding('inconsistent-naming', `Column ${label} is not lower snake_case`, c.token, `Rename it to ${snake(c.name)}`, { table: t.key, column: c.name }));
      if (!c.type) continue;
      const ti = typeInfo(c.type);
      if (model.dialect === 'postgres' && ti.base === 'timestamp without time zone') {
        out.push(finding('timestamp-without-time-zone', `Column ${label} is ${c.type} (timestamp without time zone)`, c.typeToken ?? c.token, `ALTER TABLE ${t.key} ALTER COLUMN ${c.name} TYPE timestamptz`, { table: t.key, column: c.name }));
      }
      if (ti.base === 'character varying' && ti.args[0] !== undefined && Number(ti.args[0]) > maxVarchar) {
        out.push(finding('wide-varchar', `Column ${label} is ${c.type}: a limit of ${ti.args[0]} characters is no real constraint`, c.typeToken ?? c.token, 'Use text, with a CHECK (char_length(...) <= n) if the limit is a business rule', { table: t.key, column: c.name }));
      }
      if (!c.notNull && !isPk(t, c.name) && requiredNames.has(c.name.toLowerCase())) {
        out.push(finding('missing-not-null', `Column ${label} is nullable`, c.token, `ALTER TABLE ${t.key} ALTER COLUMN ${c.name} SET NOT NULL (after backfilling NULLs)`, { table: t.key, column: c.name }));
      }
    }
    for (const fk of t.foreignKeys) {
      const cols = fk.columns;
      const covered = idx.some((i) => i.columns.length >= cols.length && sameSet(i.columns.slice(0, cols.length), cols));
      const fkLabel = `${t.key}(${cols.join(', ')}) → ${fk.refTable}`;
      if (!covered) {
        out.push(finding('foreign-key-without-index', `Foreign key ${fkLabel} has no index on ${cols.map((c) => columnLabel(t.key, c)).join(', ')}`, fk.token, `CREATE INDEX ${t.name}_${cols.join('_')}_idx ON ${t.key} (${cols.join(', ')})`, { table: t.key }));
      }
      const nullable = cols.filter((c) => t.columns.find((x) => x.name === c && !x.notNull));
      if (nullable.length > 0) {
        const col = t.columns.find((x) => x.name === nullable[0])!;
        out.push(finding('nullable-foreign-key', `Foreign key column ${nullable.map((c) => columnLabel(t.key, c)).join(', ')} (→ ${fk.refTable}) is nullable`, col.token, `Add NOT NULL to ${nullable.join(', ')} unless the relationship is optional`, { table: t.key, column: nullable[0] }));
      }
    }
    indexFindings(t, idx, out);
  }
  for (const i of model.indexes) {
    if (!SNAKE.test(i.name)) out.push(finding('inconsistent-naming', `Index name ${JSON.stringify(i.name)} is not lower snake_case`, i.token, `Rename it to ${snake(i.name)}`, { index: i.name }));
  }
  return out;
}

function indexFindings(t: Table, idx: IndexLike[], out: Finding[]): void {
  const seen = new Map<string, IndexLike>();
  for (const i of idx) {
    const sig = `${i.columns.join(',')}|${i.where ?? ''}`;
    const prev = seen.get(sig);
    if (prev) {
      const target = i.kind === 'index' ? i : prev;
      const other = target === i ? prev : i;
      out.push(finding('duplicate-index', `Index ${target.name} on ${t.key} (${i.columns.join(', ')}) duplicates ${describe(other)}`, target.token, `DROP INDEX ${target.name}`, { table: t.key, index: target.name }));
      continue;
    }
    seen.set(sig, i);
  }
  for (const i of idx) {
    if (i.kind !== 'index' || i.unique || i.partial) continue;
    const wider = idx.find(
      (o) => o !== i && !o.partial && o.columns.length > i.columns.length && i.columns.every((c, k) => o.columns[k] === c),
    );
    if (wider) {
      out.push(finding('redundant-index', `Index ${i.name} on ${t.key} (${i.columns.join(', ')}) is a leading prefix of ${describe(wider)}`, i.token, `DROP INDEX ${i.name}; ${wider.name} serves the same lookups`, { table: t.key, index: i.name }));
    }
  }
}

function describe(i: IndexLike): string {
  const kind = i.kind === 'primary' ? 'primary key' : i.kind === 'unique' ? 'unique constraint' : 'index';
  return `${kind} ${i.name} (${i.columns.join(', ')})`;
}

function isPk(t: Table, col: string): boolean {
  return !!t.primaryKey?.columns.includes(col);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}
