import { ParseError } from '@mcp/core-response';
import type { Dialect, Token } from './lexer';
import { parseDdl, type ColumnDef, type ConstraintDef, type DdlStatement, type IndexElement, type QName } from './ddl';
import { parseSql, type ParsedSql } from './statements';

/**
 * The schema a DDL script leaves behind: CREATE TABLE with later ALTER TABLE … ADD
 * CONSTRAINT, CREATE INDEX, identity columns and enum types applied, the way pg_dump writes it.
 */
export interface Column extends ColumnDef {
  table: string;
}

export interface KeyDef {
  name?: string;
  columns: string[];
  token: Token;
}

export interface ForeignKey extends KeyDef {
  refTable: string;
  refColumns: string[];
  onDelete?: string;
  notValid: boolean;
}

export interface Table {
  key: string;
  schema: string;
  name: string;
  columns: Column[];
  primaryKey?: KeyDef;
  uniques: KeyDef[];
  foreignKeys: ForeignKey[];
  checks: { name?: string; expr: string; token: Token }[];
  token: Token;
}

export interface Index {
  name: string;
  table: string;
  unique: boolean;
  elements: IndexElement[];
  include: string[];
  where?: string;
  method?: string;
  token: Token;
}

export interface EnumType {
  key: string;
  values: string[];
  token: Token;
}

export interface SchemaModel {
  dialect: Dialect;
  defaultSchema: string;
  tables: Map<string, Table>;
  indexes: Index[];
  enums: Map<string, EnumType>;
  parsed: ParsedSql;
  ddl: DdlStatement[];
}

export function defaultSchemaOf(dialect: Dialect): string {
  return dialect === 'postgres' ? 'public' : '';
}

export function tableKey(q: { schema?: string; name: string }, dialect: Dialect): string {
  const def = defaultSchemaOf(dialect);
  return q.schema && q.schema !== def && q.schema !== 'main' ? `${q.schema}.${q.name}` : q.name;
}

/** `table.column`, or `schema.table.column` outside the default schema (TOOLS.md). */
export function columnLabel(tableKeyName: string, column: string): string {
  return `${tableKeyName}.${column}`;
}

export function buildSchema(text: string, dialect: Dialect, source?: string): SchemaModel {
  let parsed: ParsedSql;
  let ddl: DdlStatement[];
  try {
    parsed = parseSql(text, dialect);
    ddl = parsed.statements.map(parseDdl);
  } catch (e) {
    throw e instanceof ParseError && source ? e.in(source) : e;
  }
  const model: SchemaModel = { dialect, defaultSchema: defaultSchemaOf(dialect), tables: new Map(), indexes: [], enums: new Map(), parsed, ddl };
  for (const d of ddl) apply(model, d);
  // REFERENCES t without columns points at t's primary key
  for (const t of model.tables.values()) {
    for (const fk of t.foreignKeys) {
      if (fk.refColumns.length === 0) fk.refColumns = model.tables.get(fk.refTable)?.primaryKey?.columns ?? [];
    }
  }
  return model;
}

function apply(model: SchemaModel, d: DdlStatement): void {
  const key = (q: QName) => tableKey(q, model.dialect);
  switch (d.type) {
    case 'create-table': {
      const k = key(d.table);
      const table: Table = {
        key: k,
        schema: d.table.schema ?? model.defaultSchema,
        name: d.table.name,
        columns: [],
        uniques: [],
        foreignKeys: [],
        checks: [],
        token: d.table.token,
      };
      for (const c of d.columns) addColumn(model, table, c);
      for (const con of d.constraints) addConstraint(model, table, con);
      model.tables.set(k, table);
      return;
    }
    case 'create-index': {
      const table = key(d.table);
      const name = d.name?.name ?? `${d.table.name}_${d.elements.map((e) => e.column ?? 'expr').join('_')}_idx`;
      model.indexes.push({ name, table, unique: d.unique, elements: d.elements, include: d.include, where: d.where, method: d.method, token: d.name?.token ?? d.stmt.tokens[0] });
      return;
    }
    case 'create-enum':
      model.enums.set(key(d.name), { key: key(d.name), values: d.values, token: d.name.token });
      return;
    case 'alter-enum-add': {
      const e = model.enums.get(key(d.name));
      if (e && !e.values.includes(d.value)) e.values.push(d.value);
      return;
    }
    case 'drop':
      if (d.object === 'TABLE') for (const n of d.names) model.tables.delete(key(n));
      if (d.object === 'INDEX') {
        const names = new Set(d.names.map((n) => n.name));
        model.indexes = model.indexes.filter((i) => !names.has(i.name));
      }
      return;
    case 'alter-table': {
      const table = model.tables.get(key(d.table));
      if (!table) return;
      for (const a of d.actions) {
        const col = 'column' in a && typeof a.column === 'string' ? table.columns.find((c) => c.name === a.column) : undefined;
        switch (a.type) {
          case 'add-column':
            addColumn(model, table, a.column);
            break;
          case 'drop-column':
            table.columns = table.columns.filter((c) => c.name !== a.column);
            break;
          case 'add-constraint':
            addConstraint(model, table, a.constraint);
            break;
          case 'drop-constraint':
            if (table.primaryKey?.name === a.name) table.primaryKey = undefined;
            table.uniques = table.uniques.filter((u) => u.name !== a.name);
            table.foreignKeys = table.foreignKeys.filter((u) => u.name !== a.name);
            table.checks = table.checks.filter((u) => u.name !== a.name);
            break;
          case 'alter-type':
            if (col) col.type = a.newType;
            break;
          case 'set-not-null':
            if (col) col.notNull = true;
            break;
          case 'drop-not-null':
            if (col) col.notNull = false;
            break;
          case 'set-default':
            if (col) col.default = a.expr;
            break;
          case 'drop-default':
            if (col) col.default = undefined;
            break;
          case 'add-identity':
            if (col) { col.identity = true; col.identityKind = a.kind; col.notNull = true; }
            break;
          case 'rename-column':
            if (col === undefined) {
              const c = table.columns.find((x) => x.name === a.from);
              if (c) c.name = a.to;
            }
            break;
          case 'rename-table':
            model.tables.delete(table.key);
            table.name = a.to;
            table.key = tableKey({ schema: table.schema, name: a.to }, model.dialect);
            model.tables.set(table.key, table);
            break;
          default:
            break;
        }
      }
      return;
    }
    default:
      return;
  }
}

function addColumn(model: SchemaModel, table: Table, c: ColumnDef): void {
  table.columns.push({ ...c, table: table.key });
  if (c.primaryKey) table.primaryKey = { columns: [c.name], token: c.token };
  if (c.unique) table.uniques.push({ columns: [c.name], token: c.token });
  if (c.references) {
    table.foreignKeys.push({
      name: c.references.name,
      columns: [c.name],
      refTable: tableKey(c.references.table, model.dialect),
      refColumns: c.references.columns,
      onDelete: c.references.onDelete,
      notValid: false,
      token: c.token,
    });
  }
  if (c.check) table.checks.push({ expr: c.check, token: c.token });
}

function addConstraint(model: SchemaModel, table: Table, con: ConstraintDef): void {
  switch (con.kind) {
    case 'primary':
      table.primaryKey = { name: con.name, columns: con.columns.length > 0 ? con.columns : indexColumns(model, con.usingIndex), token: con.token };
      for (const c of table.primaryKey.columns) {
        const col = table.columns.find((x) => x.name === c);
        if (col) col.notNull = true;
      }
      return;
    case 'unique':
      table.uniques.push({ name: con.name, columns: con.columns.length > 0 ? con.columns : indexColumns(model, con.usingIndex), token: con.token });
      return;
    case 'foreign':
      table.foreignKeys.push({
        name: con.name,
        columns: con.columns,
        refTable: tableKey(con.ref!.table, model.dialect),
        refColumns: con.ref!.columns,
        onDelete: con.ref!.onDelete,
        notValid: con.notValid,
        token: con.token,
      });
      return;
    case 'check':
      table.checks.push({ name: con.name, expr: con.expr ?? '', token: con.token });
      return;
    case 'index':
      model.indexes.push({
        name: con.name ?? `${table.name}_${con.columns.join('_')}_idx`,
        table: table.key,
        unique: false,
        elements: con.columns.map((c) => ({ expr: c, column: c, desc: false })),
        include: [],
        token: con.token,
      });
      return;
    default:
      return;
  }
}

function indexColumns(model: SchemaModel, name?: string): string[] {
  const idx = model.indexes.find((i) => i.name === name);
  return idx ? idx.elements.map((e) => e.expr) : [];
}

/** Every index-like structure of a table: indexes, the primary key and unique constraints. */
export interface IndexLike {
  name: string;
  kind: 'index' | 'primary' | 'unique';
  unique: boolean;
  columns: string[];
  partial: boolean;
  where?: string;
  token: Token;
}

// Tools ask for every table's indexes: group them once per index list (a scan per table is
// quadratic on large schemas). The list only grows by push or is replaced by filter, so its
// identity and length tell when the grouping is stale.
const grouped = new WeakMap<Index[], { length: number; byTable: Map<string, Index[]> }>();

export function indexesByTable(model: SchemaModel): Map<string, Index[]> {
  const hit = grouped.get(model.indexes);
  if (hit && hit.length === model.indexes.length) return hit.byTable;
  const byTable = new Map<string, Index[]>();
  for (const i of model.indexes) {
    const list = byTable.get(i.table);
    if (list) list.push(i);
    else byTable.set(i.table, [i]);
  }
  grouped.set(model.indexes, { length: model.indexes.length, byTable });
  return byTable;
}

export function indexesOf(model: SchemaModel, table: Table): IndexLike[] {
  const out: IndexLike[] = [];
  if (table.primaryKey) out.push({ name: table.primaryKey.name ?? `${table.name}_pkey`, kind: 'primary', unique: true, columns: table.primaryKey.columns, partial: false, token: table.primaryKey.token });
  for (const u of table.uniques) out.push({ name: u.name ?? `${table.name}_${u.columns.join('_')}_key`, kind: 'unique', unique: true, columns: u.columns, partial: false, token: u.token });
  for (const i of indexesByTable(model).get(table.key) ?? []) {
    out.push({ name: i.name, kind: 'index', unique: i.unique, columns: i.elements.map((e) => e.expr), partial: i.where !== undefined, where: i.where, token: i.token });
  }
  return out;
}
