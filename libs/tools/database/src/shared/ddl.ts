import type { Token } from './lexer';
import { Cursor, identName, renderTokens, sourceText, splitTopLevel, type Statement } from './statements';

/** DDL statements parsed into the parts the schema tools reason about. */
export interface QName {
  schema?: string;
  name: string;
  token: Token;
}

export interface ForeignRef {
  table: QName;
  columns: string[];
  onDelete?: string;
}

export interface ColumnDef {
  name: string;
  token: Token;
  /** The type as written, e.g. `varchar(255)`; empty for SQLite columns without a type. */
  type: string;
  typeToken?: Token;
  notNull: boolean;
  nullToken?: Token;
  default?: string;
  defaultTokens?: Token[];
  primaryKey: boolean;
  unique: boolean;
  references?: ForeignRef & { name?: string };
  identity: boolean;
  /** `ALWAYS` or `BY DEFAULT` for identity columns. */
  identityKind?: string;
  autoIncrement: boolean;
  generated?: string;
  check?: string;
}

export interface ConstraintDef {
  kind: 'primary' | 'unique' | 'foreign' | 'check' | 'exclude' | 'index';
  name?: string;
  columns: string[];
  ref?: ForeignRef;
  expr?: string;
  notValid: boolean;
  token: Token;
  usingIndex?: string;
}

export interface IndexElement {
  /** Rendered expression, e.g. `user_id` or `lower(email)`. */
  expr: string;
  /** Set when the element is a plain column. */
  column?: string;
  desc: boolean;
}

export type AlterAction = { token: Token } & (
  | { type: 'add-column'; column: ColumnDef; ifNotExists: boolean }
  | { type: 'drop-column'; column: string; ifExists: boolean }
  | { type: 'add-constraint'; constraint: ConstraintDef }
  | { type: 'drop-constraint'; name: string; ifExists: boolean }
  | { type: 'alter-type'; column: string; newType: string; using?: string }
  | { type: 'set-not-null'; column: string }
  | { type: 'drop-not-null'; column: string }
  | { type: 'set-default'; column: string; expr: string; exprTokens: Token[] }
  | { type: 'drop-default'; column: string }
  | { type: 'add-identity'; column: string; kind: string }
  | { type: 'rename-column'; from: string; to: string }
  | { type: 'rename-table'; to: string }
  | { type: 'rename-constraint'; from: string; to: string }
  | { type: 'validate-constraint'; name: string }
  | { type: 'other'; text: string }
);

export type DdlStatement = { stmt: Statement } & (
  | { type: 'create-table'; table: QName; columns: ColumnDef[]; constraints: ConstraintDef[]; ifNotExists: boolean; temporary: boolean }
  | {
      type: 'create-index';
      name?: QName;
      table: QName;
      unique: boolean;
      concurrently: boolean;
      ifNotExists: boolean;
      method?: string;
      elements: IndexElement[];
      include: string[];
      where?: string;
    }
  | { type: 'alter-table'; table: QName; ifExists: boolean; actions: AlterAction[] }
  | { type: 'create-enum'; name: QName; values: string[] }
  | { type: 'alter-enum-add'; name: QName; value: string; ifNotExists: boolean }
  | { type: 'drop'; object: string; names: QName[]; ifExists: boolean; concurrently: boolean; cascade: boolean }
  | { type: 'other' }
);

const COLUMN_CONSTRAINT_WORDS = [
  'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'REFERENCES', 'CHECK', 'CONSTRAINT', 'COLLATE', 'GENERATED',
  'AUTO_INCREMENT', 'AUTOINCREMENT', 'COMMENT', 'ON', 'IDENTITY', 'CHARACTER', 'CHARSET', 'DEFERRABLE', 'INITIALLY', 'AS', 'KEY', 'STORAGE', 'COMPRESSION',
];

export function parseQName(c: Cursor): QName {
  const t = c.next();
  if (!t || (t.type !== 'word' && t.type !== 'qident')) {
    if (t) c.i--;
    throw c.error('expected a name');
  }
  if (c.isPunct('.')) {
    c.next();
    const n = c.next();
    if (!n || (n.type !== 'word' && n.type !== 'qident')) throw c.error('expected a name after "."');
    if (c.isPunct('.')) {
      // database.schema.table: keep the last two parts
      c.next();
      const m = c.next();
      if (!m) throw c.error('expected a name after "."');
      return { schema: identName(n), name: identName(m), token: t };
    }
    return { schema: identName(t), name: identName(n), token: t };
  }
  return { name: identName(t), token: t };
}

function parseNameList(tokens: Token[]): string[] {
  return splitTopLevel(tokens)
    .map((part) => part.filter((t) => !(t.type === 'word' && ['ASC', 'DESC'].includes(t.value))))
    .filter((p) => p.length > 0)
    .map((p) => (p.length === 1 ? identName(p[0]) : renderTokens(p)));
}

function parseReferences(c: Cursor): ForeignRef {
  const table = parseQName(c);
  let columns: string[] = [];
  if (c.isPunct('(')) columns = parseNameList(c.group());
  let onDelete: string | undefined;
  for (;;) {
    if (c.kw('MATCH')) { c.take('a match type'); continue; }
    if (c.kw('ON', 'DELETE') || c.kw('ON', 'UPDATE')) {
      const isDelete = c.tokens[c.i - 1].value === 'DELETE';
      const action: string[] = [];
      while (c.isKw('CASCADE', 'RESTRICT', 'SET', 'NULL', 'DEFAULT', 'NO', 'ACTION')) action.push(c.take().value);
      if (c.isPunct('(')) c.group();
      if (isDelete) onDelete = action.join(' ');
      continue;
    }
    if (c.kw('DEFERRABLE') || c.kw('NOT', 'DEFERRABLE') || c.kw('INITIALLY', 'DEFERRED') || c.kw('INITIALLY', 'IMMEDIATE')) continue;
    break;
  }
  return { table, columns, onDelete };
}

export function parseColumnDef(c: Cursor): ColumnDef {
  const nameTok = c.take();
  const col: ColumnDef = { name: identName(nameTok), token: nameTok, type: '', notNull: false, primaryKey: false, unique: false, identity: false, autoIncrement: false };
  const typeTokens: Token[] = [];
  let depth = 0;
  while (!c.done) {
    const t = c.peek()!;
    if (depth === 0 && t.type === 'punct' && (t.text === ',' || t.text === ')')) break;
    // `character varying` starts with a word that is also MySQL's CHARACTER SET
    if (depth === 0 && t.type === 'word' && COLUMN_CONSTRAINT_WORDS.includes(t.value) && !(typeTokens.length === 0 && t.value === 'CHARACTER')) break;
    if (t.type === 'punct' && t.text === '(') depth++;
    if (t.type === 'punct' && t.text === ')') depth--;
    typeTokens.push(t);
    c.next();
  }
  if (typeTokens.length > 0) {
    col.type = sourceText(typeTokens);
    col.typeToken = typeTokens[0];
  }
  let constraintName: string | undefined;
  while (!c.done && !c.isPunct(',') && !c.isPunct(')')) {
    const t = c.peek()!;
    if (c.kw('CONSTRAINT')) { constraintName = identName(c.take()); continue; }
    if (c.kw('NOT', 'NULL')) { col.notNull = true; col.nullToken = t; continue; }
    if (c.kw('NULL')) { col.notNull = false; continue; }
    if (c.kw('PRIMARY', 'KEY')) { col.primaryKey = true; col.notNull = true; if (c.isKw('ASC', 'DESC')) c.next(); c.kw('AUTOINCREMENT'); continue; }
    if (c.kw('UNIQUE')) { c.kw('KEY'); col.unique = true; continue; }
    if (c.kw('KEY')) { col.primaryKey = true; continue; }
    if (c.kw('DEFAULT')) {
      const expr = c.until(COLUMN_CONSTRAINT_WORDS.filter((w) => w !== 'ON' && w !== 'AS' && w !== 'KEY' && w !== 'CHARACTER'));
      col.default = renderTokens(expr);
      col.defaultTokens = expr;
      continue;
    }
    if (c.kw('REFERENCES')) { col.references = { ...parseReferences(c), name: constraintName }; continue; }
    if (c.kw('CHECK')) { col.check = renderTokens(c.group()); c.kw('NO', 'INHERIT'); continue; }
    if (c.kw('COLLATE')) { c.take(); continue; }
    if (c.kw('GENERATED')) {
      if (c.kw('ALWAYS') || c.kw('BY', 'DEFAULT')) {
        const kind = c.tokens[c.i - 1].value === 'ALWAYS' ? 'ALWAYS' : 'BY DEFAULT';
        if (c.kw('AS', 'IDENTITY')) {
          col.identity = true;
          col.identityKind = kind;
          col.notNull = true;
          if (c.isPunct('(')) c.group();
          continue;
        }
        if (c.kw('AS')) { col.generated = renderTokens(c.group()); c.kw('STORED'); c.kw('VIRTUAL'); continue; }
      }
      continue;
    }
    if (c.kw('AS')) { if (c.isPunct('(')) col.generated = renderTokens(c.group()); c.kw('STORED'); c.kw('VIRTUAL'); continue; }
    if (c.kw('AUTO_INCREMENT') || c.kw('AUTOINCREMENT')) { col.autoIncrement = true; continue; }
    if (c.kw('COMMENT')) { c.take(); continue; }
    if (c.kw('ON', 'UPDATE')) { c.until(COLUMN_CONSTRAINT_WORDS.filter((w) => w !== 'ON')); continue; }
    if (c.kw('CHARACTER', 'SET') || c.kw('CHARSET')) { c.take(); continue; }
    if (c.kw('STORAGE') || c.kw('COMPRESSION')) { c.take(); continue; }
    if (c.kw('DEFERRABLE') || c.kw('NOT', 'DEFERRABLE') || c.kw('INITIALLY', 'DEFERRED') || c.kw('INITIALLY', 'IMMEDIATE')) continue;
    throw c.error(`unsupported column option in the definition of ${col.name}`);
  }
  return col;
}

/** A table constraint, or undefined when the cursor is at a column definition. */
export function parseTableConstraint(c: Cursor): ConstraintDef | undefined {
  const start = c.i;
  const token = c.peek()!;
  let name: string | undefined;
  if (c.kw('CONSTRAINT')) {
    const n = c.peek();
    if (n && !(n.type === 'word' && ['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE'].includes(n.value))) name = identName(c.take());
  }
  const base = { name, token, notValid: false };
  let con: ConstraintDef | undefined;
  if (c.kw('PRIMARY', 'KEY')) {
    if (c.kw('USING', 'INDEX')) con = { ...base, kind: 'primary', columns: [], usingIndex: identName(c.take()) };
    else con = { ...base, kind: 'primary', columns: parseNameList(c.group()) };
  } else if (c.kw('UNIQUE')) {
    if (c.kw('USING', 'INDEX')) con = { ...base, kind: 'unique', columns: [], usingIndex: identName(c.take()) };
    else {
      if (c.kw('KEY') || c.kw('INDEX')) { /* MySQL */ }
      if (!c.kw('NULLS', 'NOT', 'DISTINCT')) c.kw('NULLS', 'DISTINCT');
      if (!c.isPunct('(')) {
        const n = c.take();
        base.name = base.name ?? identName(n);
      }
      con = { ...base, kind: 'unique', columns: parseNameList(c.group()) };
    }
  } else if (c.kw('FOREIGN', 'KEY')) {
    if (!c.isPunct('(')) base.name = base.name ?? identName(c.take());
    const columns = parseNameList(c.group());
    if (!c.kw('REFERENCES')) throw c.error('expected REFERENCES');
    con = { ...base, kind: 'foreign', columns, ref: parseReferences(c) };
  } else if (c.kw('CHECK')) {
    con = { ...base, kind: 'check', columns: [], expr: renderTokens(c.group()) };
    c.kw('NO', 'INHERIT');
  } else if (c.kw('EXCLUDE')) {
    con = { ...base, kind: 'exclude', columns: [], expr: renderTokens(c.until()) };
  } else if (c.isKw('KEY', 'INDEX', 'FULLTEXT', 'SPATIAL') && name === undefined) {
    // MySQL inline index: KEY name (cols)
    c.next();
    if (!c.kw('KEY')) c.kw('INDEX');
    let idxName: string | undefined;
    if (!c.isPunct('(')) idxName = identName(c.take());
    con = { ...base, name: idxName, kind: 'index', columns: parseNameList(c.group()) };
  } else {
    c.i = start;
    return undefined;
  }
  while (!c.done && !c.isPunct(',') && !c.isPunct(')')) {
    if (c.kw('NOT', 'VALID')) { con.notValid = true; continue; }
    if (c.kw('USING')) { c.take(); continue; } // MySQL KEY ... USING BTREE
    if (c.kw('DEFERRABLE') || c.kw('NOT', 'DEFERRABLE') || c.kw('INITIALLY', 'DEFERRED') || c.kw('INITIALLY', 'IMMEDIATE')) continue;
    if (c.kw('ON', 'CONFLICT')) { c.take(); continue; } // SQLite
    if (c.kw('WITH') && c.isPunct('(')) { c.group(); continue; }
    if (c.kw('COMMENT')) { c.take(); continue; }
    throw c.error('unsupported constraint option');
  }
  return con;
}

export function parseDdl(stmt: Statement): DdlStatement {
  const c = new Cursor(stmt.tokens);
  if (c.kw('CREATE')) {
    c.kw('OR', 'REPLACE');
    const temporary = c.kw('TEMPORARY') || c.kw('TEMP') || c.kw('GLOBAL', 'TEMPORARY') || c.kw('LOCAL', 'TEMPORARY');
    c.kw('UNLOGGED');
    if (c.kw('TABLE')) return parseCreateTable(c, stmt, temporary);
    const unique = c.kw('UNIQUE');
    if (c.kw('INDEX')) return parseCreateIndex(c, stmt, unique);
    if (c.kw('TYPE')) {
      const name = parseQName(c);
      if (c.kw('AS', 'ENUM')) {
        const values = splitTopLevel(c.group()).map((p) => unquote(p[0]?.text ?? ''));
        return { type: 'create-enum', name, values, stmt };
      }
    }
    return { type: 'other', stmt };
  }
  if (c.kw('ALTER', 'TABLE')) {
    const ifExists = c.kw('IF', 'EXISTS');
    c.kw('ONLY');
    const table = parseQName(c);
    c.punct('*');
    return { type: 'alter-table', table, ifExists, actions: splitActions(c).map(parseAlterAction), stmt };
  }
  if (c.kw('ALTER', 'TYPE')) {
    const name = parseQName(c);
    if (c.kw('ADD', 'VALUE')) {
      const ifNotExists = c.kw('IF', 'NOT', 'EXISTS');
      return { type: 'alter-enum-add', name, value: unquote(c.take('a value').text), ifNotExists, stmt };
    }
    return { type: 'other', stmt };
  }
  if (c.kw('DROP')) {
    const words: string[] = [];
    while (c.isKw('TABLE', 'INDEX', 'TYPE', 'VIEW', 'MATERIALIZED', 'SEQUENCE', 'SCHEMA', 'FUNCTION', 'TRIGGER', 'EXTENSION', 'DOMAIN')) words.push(c.take().value);
    if (words.length === 0) return { type: 'other', stmt };
    const concurrently = c.kw('CONCURRENTLY');
    const ifExists = c.kw('IF', 'EXISTS');
    const names: QName[] = [];
    while (!c.done) {
      if (!c.isKw('CASCADE', 'RESTRICT')) names.push(parseQName(c));
      if (c.isPunct('(')) c.group();
      if (!c.punct(',')) break;
    }
    const cascade = c.kw('CASCADE');
    return { type: 'drop', object: words.join(' '), names, ifExists, concurrently, cascade, stmt };
  }
  return { type: 'other', stmt };
}

function parseCreateTable(c: Cursor, stmt: Statement, temporary: boolean): DdlStatement {
  const ifNotExists = c.kw('IF', 'NOT', 'EXISTS');
  const table = parseQName(c);
  const columns: ColumnDef[] = [];
  const constraints: ConstraintDef[] = [];
  if (c.kw('AS') || c.kw('PARTITION', 'OF') || c.kw('OF')) return { type: 'create-table', table, columns, constraints, ifNotExists, temporary, stmt };
  c.expect('(', '"(" after the table name');
  while (!c.isPunct(')')) {
    if (c.done) throw c.error('expected ")"');
    if (c.kw('LIKE')) { parseQName(c); c.until(); }
    else {
      const con = parseTableConstraint(c);
      if (con) constraints.push(con);
      else columns.push(parseColumnDef(c));
    }
    if (!c.punct(',')) break;
  }
  c.expect(')');
  return { type: 'create-table', table, columns, constraints, ifNotExists, temporary, stmt };
}

function parseCreateIndex(c: Cursor, stmt: Statement, unique: boolean): DdlStatement {
  const concurrently = c.kw('CONCURRENTLY');
  const ifNotExists = c.kw('IF', 'NOT', 'EXISTS');
  let name: QName | undefined;
  if (!c.isKw('ON')) name = parseQName(c);
  if (!c.kw('ON')) throw c.error('expected ON');
  c.kw('ONLY');
  const table = parseQName(c);
  let method: string | undefined;
  if (c.kw('USING')) method = c.take().text.toLowerCase();
  const elements = splitTopLevel(c.group()).map((part): IndexElement => {
    let desc = false;
    const toks = part.filter((t) => {
      if (t.type === 'word' && (t.value === 'ASC' || t.value === 'DESC')) { desc = t.value === 'DESC'; return false; }
      return true;
    });
    // strip NULLS FIRST/LAST and opclass after a plain column
    while (toks.length > 1 && toks[toks.length - 2].type === 'word' && toks[toks.length - 2].value === 'NULLS') toks.splice(-2, 2);
    const plain = toks.length === 1 || (toks.length === 2 && toks[1].type === 'word' && /_ops$/i.test(toks[1].text));
    if (plain && (toks[0].type === 'word' || toks[0].type === 'qident')) return { expr: identName(toks[0]), column: identName(toks[0]), desc };
    const inner = toks.length > 2 && toks[0].text === '(' && toks[toks.length - 1].text === ')' ? toks.slice(1, -1) : toks;
    return { expr: renderTokens(inner), desc };
  });
  let include: string[] = [];
  let where: string | undefined;
  while (!c.done) {
    if (c.kw('INCLUDE')) { include = parseNameList(c.group()); continue; }
    if (c.kw('WITH') && c.isPunct('(')) { c.group(); continue; }
    if (c.kw('TABLESPACE')) { c.take(); continue; }
    if (c.kw('NULLS', 'NOT', 'DISTINCT') || c.kw('NULLS', 'DISTINCT')) continue;
    if (c.kw('WHERE')) { where = renderTokens(c.tokens.slice(c.i)); c.i = c.tokens.length; continue; }
    if (c.kw('USING')) { c.take(); continue; }
    break;
  }
  return { type: 'create-index', name, table, unique, concurrently, ifNotExists, method, elements, include, where, stmt };
}

function splitActions(c: Cursor): Token[][] {
  return splitTopLevel(c.tokens.slice(c.i)).filter((a) => a.length > 0);
}

function parseAlterAction(tokens: Token[]): AlterAction {
  const c = new Cursor(tokens);
  const token = tokens[0];
  const colName = () => identName(c.take());
  if (c.kw('ADD')) {
    if (c.isKw('CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE', 'INDEX', 'KEY')) {
      const constraint = parseTableConstraint(c);
      if (constraint) return { type: 'add-constraint', constraint, token };
    }
    c.kw('COLUMN');
    const ifNotExists = c.kw('IF', 'NOT', 'EXISTS');
    return { type: 'add-column', column: parseColumnDef(c), ifNotExists, token };
  }
  if (c.kw('DROP', 'CONSTRAINT')) {
    const ifExists = c.kw('IF', 'EXISTS');
    return { type: 'drop-constraint', name: colName(), ifExists, token };
  }
  if (c.kw('DROP')) {
    c.kw('COLUMN');
    const ifExists = c.kw('IF', 'EXISTS');
    return { type: 'drop-column', column: colName(), ifExists, token };
  }
  if (c.kw('ALTER') || c.kw('MODIFY') || c.kw('CHANGE')) {
    const mysqlModify = tokens[0].value === 'MODIFY';
    c.kw('COLUMN');
    const column = colName();
    if (mysqlModify) return { type: 'alter-type', column, newType: sourceText(c.until(COLUMN_CONSTRAINT_WORDS)), token };
    if (c.kw('SET', 'DATA', 'TYPE') || c.kw('TYPE')) {
      const newType = sourceText(c.until(['USING', 'COLLATE']));
      let using: string | undefined;
      if (c.kw('COLLATE')) c.next();
      if (c.kw('USING')) using = renderTokens(c.until());
      return { type: 'alter-type', column, newType, using, token };
    }
    if (c.kw('SET', 'NOT', 'NULL')) return { type: 'set-not-null', column, token };
    if (c.kw('DROP', 'NOT', 'NULL')) return { type: 'drop-not-null', column, token };
    if (c.kw('SET', 'DEFAULT')) {
      const exprTokens = c.until();
      return { type: 'set-default', column, expr: renderTokens(exprTokens), exprTokens, token };
    }
    if (c.kw('DROP', 'DEFAULT')) return { type: 'drop-default', column, token };
    if (c.kw('ADD', 'GENERATED')) return { type: 'add-identity', column, kind: c.kw('ALWAYS') ? 'ALWAYS' : 'BY DEFAULT', token };
  }
  if (c.kw('RENAME', 'CONSTRAINT')) {
    const from = colName();
    c.kw('TO');
    return { type: 'rename-constraint', from, to: colName(), token };
  }
  if (c.kw('RENAME', 'TO')) return { type: 'rename-table', to: colName(), token };
  if (c.kw('RENAME')) {
    c.kw('COLUMN');
    const from = colName();
    c.kw('TO');
    return { type: 'rename-column', from, to: colName(), token };
  }
  if (c.kw('VALIDATE', 'CONSTRAINT')) return { type: 'validate-constraint', name: colName(), token };
  return { type: 'other', text: renderTokens(tokens), token };
}

export function unquote(s: string): string {
  if (s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}
