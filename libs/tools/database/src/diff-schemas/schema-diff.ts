import type { Token } from '../shared/lexer';
import type { Column, ForeignKey, Index, KeyDef, SchemaModel, Table } from '../shared/schema-model';
import { INT_RANK, typeInfo } from '../shared/types';

export type Classification = 'destructive' | 'data-dependent' | 'backward-incompatible' | 'safe';

export interface Change {
  sql: string;
  object: string;
  kind: string;
  classification: Classification;
  /** Where the object is written: in `after`, or in `before` for what was dropped. */
  side: 'before' | 'after';
  token: Token;
}

/** Quotes an identifier only where PostgreSQL needs it. */
export function q(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
const RESERVED = new Set(['user', 'order', 'group', 'table', 'select', 'from', 'where', 'limit', 'check', 'default', 'column', 'primary', 'references', 'end', 'desc', 'asc', 'to', 'all', 'offset']);

function qt(key: string): string {
  return key.split('.').map(q).join('.');
}

function normDefault(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d
    .replace(/::\s*[a-z_][a-z0-9_ ]*(\([0-9, ]*\))?(\[\])?/g, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\bcurrent_timestamp\b(?!\s*\()/g, 'now()')
    .replace(/\s+/g, '');
}

function normExpr(e: string): string {
  return e.replace(/::\s*[a-z_][a-z0-9_ ]*/g, '').replace(/[\s()]+/g, '');
}

function fkSig(fk: ForeignKey): string {
  const del = fk.onDelete && fk.onDelete !== 'NO ACTION' ? fk.onDelete : '';
  return `${fk.columns.join(',')}>${fk.refTable}(${fk.refColumns.join(',')})${del}`;
}

function indexSig(i: Index): string {
  return `${i.table}|${i.unique}|${i.method ?? 'btree'}|${i.elements.map((e) => `${e.expr}${e.desc ? ' desc' : ''}`).join(',')}|${i.include.join(',')}|${i.where ? normExpr(i.where) : ''}`;
}

function columnSql(c: Column): string {
  let s = `${q(c.name)} ${c.type}`;
  if (c.identity) s += ` GENERATED ${c.identityKind ?? 'BY DEFAULT'} AS IDENTITY`;
  else if (c.notNull) s += ' NOT NULL';
  if (c.default !== undefined && !c.identity) s += ` DEFAULT ${c.default}`;
  return s;
}

function pkName(t: Table): string {
  return t.primaryKey?.name ?? `${t.name}_pkey`;
}
function uniqueName(t: Table, u: KeyDef): string {
  return u.name ?? `${t.name}_${u.columns.join('_')}_key`;
}
function fkName(t: Table, fk: ForeignKey): string {
  return fk.name ?? `${t.name}_${fk.columns.join('_')}_fkey`;
}
function checkName(t: Table, c: { name?: string; expr: string }): string {
  if (c.name) return c.name;
  const cols = new Set<string>();
  for (const m of c.expr.matchAll(/"([^"]+)"|\b([a-z_][a-z0-9_]*)\b/g)) {
    const n = m[1] ?? m[2];
    if (t.columns.some((x) => x.name === n)) cols.add(n);
  }
  return cols.size === 1 ? `${t.name}_${[...cols][0]}_check` : `${t.name}_check`;
}

function fkSql(t: Table, fk: ForeignKey): string {
  const name = fk.name ? `CONSTRAINT ${q(fk.name)} ` : '';
  const del = fk.onDelete && fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : '';
  return `ALTER TABLE ${qt(t.key)} ADD ${name}FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ${qt(fk.refTable)} (${fk.refColumns.map(q).join(', ')})${del};`;
}

function indexSql(i: Index): string {
  const cols = i.elements.map((e) => (e.column ? q(e.column) : `(${e.expr})`) + (e.desc ? ' DESC' : '')).join(', ');
  const using = i.method && i.method !== 'btree' ? ` USING ${i.method}` : '';
  const include = i.include.length ? ` INCLUDE (${i.include.map(q).join(', ')})` : '';
  const where = i.where ? ` WHERE ${i.where}` : '';
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${qt(i.table)}${using} (${cols})${include}${where};`;
}

function typeChange(before: string, after: string): Classification {
  const a = typeInfo(before);
  const b = typeInfo(after);
  if (a.canonical === b.canonical) return 'safe';
  // widening a varchar or to text, or an integer to a wider one, cannot fail
  const varlike = (t: typeof a) => t.base === 'character varying' || t.base === 'text';
  if (varlike(a) && b.base === 'text') return 'backward-incompatible';
  if (a.base === 'character varying' && b.base === 'character varying') {
    if (b.args.length === 0 || (a.args.length > 0 && Number(b.args[0]) >= Number(a.args[0]))) return 'backward-incompatible';
    return 'data-dependent';
  }
  if (INT_RANK[a.base] && INT_RANK[b.base]) return INT_RANK[b.base] > INT_RANK[a.base] ? 'backward-incompatible' : 'data-dependent';
  if (a.base === 'numeric' && b.base === 'numeric') {
    const [ap, as = '0'] = a.args.map(Number);
    const [bp, bs = '0'] = b.args.map(Number);
    if (b.args.length === 0 || (ap !== undefined && bp - Number(bs) >= ap - Number(as) && Number(bs) >= Number(as))) return 'backward-incompatible';
    return 'data-dependent';
  }
  if (a.base === 'timestamp without time zone' && b.base === 'timestamp with time zone') return 'backward-incompatible';
  return 'data-dependent';
}

const CAST_FREE = new Set(['character varying', 'text', 'character', 'integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision', 'timestamp without time zone', 'timestamp with time zone', 'date']);

function needsUsing(before: string, after: string): boolean {
  const a = typeInfo(before).base;
  const b = typeInfo(after).base;
  if (a === b) return false;
  const textual = (x: string) => x === 'character varying' || x === 'text' || x === 'character';
  const numeric = (x: string) => !!INT_RANK[x] || x === 'numeric' || x === 'real' || x === 'double precision';
  const time = (x: string) => x.startsWith('timestamp') || x === 'date';
  if ((textual(a) && textual(b)) || (numeric(a) && numeric(b)) || (time(a) && time(b))) return false;
  if (textual(b) && CAST_FREE.has(a)) return false;
  return true;
}

/**
 * Compares two schema models and returns the ordered migration: new enum types and values
 * first, removed foreign keys and indexes before the tables and columns they use, new tables
 * before the foreign keys that reference them, drops of columns and tables last.
 */
export function diffSchemas(before: SchemaModel, after: SchemaModel): Change[] {
  const phases: Change[][] = Array.from({ length: 10 }, () => []);
  const [TYPES, DROP_FK, DROP_INDEX, CREATE_TABLE, ALTER, DROP_COLUMN, DROP_TABLE, CREATE_INDEX, ADD_FK, DROP_TYPE] = phases;

  for (const [key, e] of after.enums) {
    const old = before.enums.get(key);
    if (!old) {
      TYPES.push({ sql: `CREATE TYPE ${qt(key)} AS ENUM (${e.values.map(lit).join(', ')});`, object: key, kind: 'create-type', classification: 'safe', side: 'after', token: e.token });
      continue;
    }
    for (const v of e.values) {
      if (!old.values.includes(v)) TYPES.push({ sql: `ALTER TYPE ${qt(key)} ADD VALUE ${lit(v)};`, object: `${key}.${v}`, kind: 'add-enum-value', classification: 'safe', side: 'after', token: e.token });
    }
    for (const v of old.values) {
      if (!e.values.includes(v)) {
        // PostgreSQL cannot drop an enum value: rename the type aside, recreate it, convert columns
        TYPES.push({ sql: `-- enum ${key}: value ${lit(v)} was removed; PostgreSQL cannot drop an enum value in place (recreate the type and convert the columns that use it)`, object: `${key}.${v}`, kind: 'drop-enum-value', classification: 'destructive', side: 'before', token: old.token });
      }
    }
  }
  for (const [key, e] of before.enums) {
    if (!after.enums.has(key)) DROP_TYPE.push({ sql: `DROP TYPE ${qt(key)};`, object: key, kind: 'drop-type', classification: 'backward-incompatible', side: 'before', token: e.token });
  }

  for (const [key, t] of after.tables) {
    const old = before.tables.get(key);
    if (!old) {
      const parts = t.columns.map((c) => `    ${columnSql(c)}`);
      if (t.primaryKey) parts.push(`    ${t.primaryKey.name ? `CONSTRAINT ${q(t.primaryKey.name)} ` : ''}PRIMARY KEY (${t.primaryKey.columns.map(q).join(', ')})`);
      for (const u of t.uniques) parts.push(`    ${u.name ? `CONSTRAINT ${q(u.name)} ` : ''}UNIQUE (${u.columns.map(q).join(', ')})`);
      for (const c of t.checks) parts.push(`    ${c.name ? `CONSTRAINT ${q(c.name)} ` : ''}CHECK (${c.expr})`);
      CREATE_TABLE.push({ sql: `CREATE TABLE ${qt(key)} (\n${parts.join(',\n')}\n);`, object: key, kind: 'create-table', classification: 'safe', side: 'after', token: t.token });
      for (const fk of t.foreignKeys) ADD_FK.push({ sql: fkSql(t, fk), object: `${key}.${fkName(t, fk)}`, kind: 'add-foreign-key', classification: 'safe', side: 'after', token: fk.token });
      continue;
    }
    diffTable(old, t, { DROP_FK, ALTER, DROP_COLUMN, ADD_FK });
  }
  for (const [key, t] of before.tables) {
    if (after.tables.has(key)) continue;
    DROP_TABLE.push({ sql: `DROP TABLE ${qt(key)};`, object: key, kind: 'drop-table', classification: 'destructive', side: 'before', token: t.token });
    // foreign keys of surviving tables that point at it go first
    for (const [k2, t2] of before.tables) {
      if (k2 === key || !after.tables.has(k2)) continue;
      for (const fk of t2.foreignKeys) {
        const stillThere = after.tables.get(k2)!.foreignKeys.some((f) => fkSig(f) === fkSig(fk));
        if (fk.refTable === key && stillThere) {
          DROP_FK.push({ sql: `ALTER TABLE ${qt(k2)} DROP CONSTRAINT ${q(fkName(t2, fk))};`, object: `${k2}.${fkName(t2, fk)}`, kind: 'drop-foreign-key', classification: 'safe', side: 'before', token: fk.token });
        }
      }
    }
  }

  const afterIdx = new Map(after.indexes.map((i) => [indexSig(i), i]));
  const beforeIdx = new Map(before.indexes.map((i) => [indexSig(i), i]));
  for (const [sig, i] of beforeIdx) {
    if (afterIdx.has(sig) || !after.tables.has(i.table)) continue;
    const schema = i.table.includes('.') ? `${q(i.table.split('.')[0])}.` : '';
    DROP_INDEX.push({ sql: `DROP INDEX ${schema}${q(i.name)};`, object: i.name, kind: 'drop-index', classification: 'safe', side: 'before', token: i.token });
  }
  for (const [sig, i] of afterIdx) {
    if (beforeIdx.has(sig)) continue;
    CREATE_INDEX.push({ sql: indexSql(i), object: i.name, kind: 'create-index', classification: i.unique ? 'data-dependent' : 'safe', side: 'after', token: i.token });
  }
  return phases.flat();
}

interface Phases {
  DROP_FK: Change[];
  ALTER: Change[];
  DROP_COLUMN: Change[];
  ADD_FK: Change[];
}

function diffTable(old: Table, t: Table, p: Phases): void {
  const key = t.key;
  const T = qt(key);
  const alter = (sql: string, object: string, kind: string, classification: Classification, token: Token, side: 'before' | 'after' = 'after') =>
    p.ALTER.push({ sql: `ALTER TABLE ${T} ${sql};`, object, kind, classification, side, token });

  // constraints removed first, so that a column type change or drop is not blocked by them
  const oldFks = new Map(old.foreignKeys.map((f) => [fkSig(f), f]));
  const newFks = new Map(t.foreignKeys.map((f) => [fkSig(f), f]));
  for (const [sig, fk] of oldFks) {
    if (!newFks.has(sig)) p.DROP_FK.push({ sql: `ALTER TABLE ${T} DROP CONSTRAINT ${q(fkName(old, fk))};`, object: `${key}.${fkName(old, fk)}`, kind: 'drop-foreign-key', classification: 'safe', side: 'before', token: fk.token });
  }
  const pkSig = (x: Table) => x.primaryKey?.columns.join(',') ?? '';
  if (pkSig(old) && pkSig(old) !== pkSig(t)) alter(`DROP CONSTRAINT ${q(pkName(old))}`, `${key}.${pkName(old)}`, 'drop-primary-key', 'backward-incompatible', old.primaryKey!.token, 'before');
  const uSig = (u: KeyDef) => u.columns.join(',');
  for (const u of old.uniques) {
    if (!t.uniques.some((x) => uSig(x) === uSig(u))) alter(`DROP CONSTRAINT ${q(uniqueName(old, u))}`, `${key}.${uniqueName(old, u)}`, 'drop-unique', 'safe', u.token, 'before');
  }
  for (const c of old.checks) {
    if (!t.checks.some((x) => normExpr(x.expr) === normExpr(c.expr))) alter(`DROP CONSTRAINT ${q(checkName(old, c))}`, `${key}.${checkName(old, c)}`, 'drop-check', 'safe', c.token, 'before');
  }

  for (const c of t.columns) {
    const label = `${key}.${c.name}`;
    const o = old.columns.find((x) => x.name === c.name);
    if (!o) {
      const needsRows = c.notNull && c.default === undefined && !c.identity && !typeInfo(c.type).serial;
      alter(`ADD COLUMN ${columnSql(c)}`, label, 'add-column', needsRows ? 'data-dependent' : 'safe', c.token);
      continue;
    }
    if (typeInfo(o.type).canonical !== typeInfo(c.type).canonical) {
      const using = needsUsing(o.type, c.type) ? ` USING ${q(c.name)}::${c.type}` : '';
      alter(`ALTER COLUMN ${q(c.name)} TYPE ${c.type}${using}`, label, 'alter-column-type', typeChange(o.type, c.type), c.typeToken ?? c.token);
    }
    const implicitDefault = (x: Column) => x.identity || typeInfo(x.type).serial;
    if (!implicitDefault(o) && !implicitDefault(c) && normDefault(o.default) !== normDefault(c.default)) {
      if (c.default === undefined) alter(`ALTER COLUMN ${q(c.name)} DROP DEFAULT`, label, 'drop-default', 'safe', c.token);
      else alter(`ALTER COLUMN ${q(c.name)} SET DEFAULT ${c.default}`, label, 'set-default', 'safe', c.token);
    }
    if (!o.identity && c.identity) alter(`ALTER COLUMN ${q(c.name)} ADD GENERATED ${c.identityKind ?? 'BY DEFAULT'} AS IDENTITY`, label, 'add-identity', 'safe', c.token);
    if (o.identity && !c.identity) alter(`ALTER COLUMN ${q(c.name)} DROP IDENTITY`, label, 'drop-identity', 'backward-incompatible', c.token);
    const pkCol = (x: Table, n: string) => !!x.primaryKey?.columns.includes(n);
    const oNotNull = o.notNull || pkCol(old, o.name);
    const cNotNull = c.notNull || pkCol(t, c.name);
    if (!oNotNull && cNotNull && !c.identity && !pkCol(t, c.name)) alter(`ALTER COLUMN ${q(c.name)} SET NOT NULL`, label, 'set-not-null', 'data-dependent', c.nullToken ?? c.token);
    if (oNotNull && !cNotNull && !o.identity) alter(`ALTER COLUMN ${q(c.name)} DROP NOT NULL`, label, 'drop-not-null', 'safe', c.token);
  }
  for (const o of old.columns) {
    if (!t.columns.some((c) => c.name === o.name)) p.DROP_COLUMN.push({ sql: `ALTER TABLE ${T} DROP COLUMN ${q(o.name)};`, object: `${key}.${o.name}`, kind: 'drop-column', classification: 'destructive', side: 'before', token: o.token });
  }

  if (pkSig(t) && pkSig(old) !== pkSig(t)) {
    const name = t.primaryKey!.name ? `CONSTRAINT ${q(t.primaryKey!.name)} ` : '';
    alter(`ADD ${name}PRIMARY KEY (${t.primaryKey!.columns.map(q).join(', ')})`, `${key}.${pkName(t)}`, 'add-primary-key', 'data-dependent', t.primaryKey!.token);
  }
  for (const u of t.uniques) {
    if (!old.uniques.some((x) => uSig(x) === uSig(u))) {
      alter(`ADD ${u.name ? `CONSTRAINT ${q(u.name)} ` : ''}UNIQUE (${u.columns.map(q).join(', ')})`, `${key}.${uniqueName(t, u)}`, 'add-unique', 'data-dependent', u.token);
    }
  }
  for (const c of t.checks) {
    if (!old.checks.some((x) => normExpr(x.expr) === normExpr(c.expr))) {
      alter(`ADD ${c.name ? `CONSTRAINT ${q(c.name)} ` : ''}CHECK (${c.expr})`, `${key}.${checkName(t, c)}`, 'add-check', 'data-dependent', c.token);
    }
  }
  for (const [sig, fk] of newFks) {
    if (!oldFks.has(sig)) p.ADD_FK.push({ sql: fkSql(t, fk), object: `${key}.${fkName(t, fk)}`, kind: 'add-foreign-key', classification: 'data-dependent', side: 'after', token: fk.token });
  }
}

function lit(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
