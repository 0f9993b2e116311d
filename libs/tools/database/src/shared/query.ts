import { ParseError } from '@mcp/core-response';
import type { Token } from './lexer';
import { identName } from './statements';

/**
 * A small recursive-descent parser for DML (SELECT/WITH, INSERT, UPDATE, DELETE) into the
 * shapes the query tools need: select items, FROM items with joins, predicates as
 * expression trees with token positions. Anything it does not model inside a function call
 * is kept as a `raw` node (with the columns it mentions) instead of failing.
 */
export type Expr =
  | { kind: 'column'; parts: string[]; tok: Token }
  | { kind: 'star'; qualifier?: string; tok: Token }
  | { kind: 'literal'; lit: 'string' | 'number' | 'null' | 'bool' | 'param' | 'other'; value: string; tok: Token }
  | { kind: 'func'; name: string; args: Expr[]; star: boolean; distinct: boolean; over: boolean; tok: Token }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; tok: Token }
  | { kind: 'unary'; op: string; operand: Expr; tok: Token }
  | { kind: 'in'; not: boolean; expr: Expr; list?: Expr[]; subquery?: Query; tok: Token }
  | { kind: 'between'; not: boolean; expr: Expr; low: Expr; high: Expr; tok: Token }
  | { kind: 'is'; not: boolean; expr: Expr; what: string; tok: Token }
  | { kind: 'like'; not: boolean; op: string; expr: Expr; pattern: Expr; tok: Token }
  | { kind: 'exists'; not: boolean; subquery: Query; tok: Token }
  | { kind: 'subquery'; query: Query; tok: Token }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; else?: Expr; tok: Token; endTok: Token }
  | { kind: 'cast'; expr: Expr; type: string; tok: Token; fn?: boolean }
  | { kind: 'paren'; items: Expr[]; tok: Token }
  | { kind: 'raw'; tokens: Token[]; columns: Expr[]; tok: Token };

export type FromItem =
  | { kind: 'table'; schema?: string; name: string; alias?: string; aliasTok?: Token; explicitAs: boolean; tok: Token }
  | { kind: 'subquery'; query: Query; alias?: string; aliasTok?: Token; explicitAs: boolean; tok: Token; lateral: boolean }
  | { kind: 'function'; expr: Expr; alias?: string; aliasTok?: Token; explicitAs: boolean; tok: Token }
  | { kind: 'join'; joinType: string; natural: boolean; left: FromItem; right: FromItem; on?: Expr; using?: string[]; tok: Token };

export interface SelectItem {
  expr: Expr;
  alias?: string;
  aliasTok?: Token;
  explicitAs: boolean;
}

export interface Cte {
  name: string;
  tok: Token;
  query: Query;
  closeTok: Token;
}

export interface Select {
  type: 'select';
  tok: Token;
  ctes: Cte[];
  distinct: boolean;
  distinctTok?: Token;
  items: SelectItem[];
  from: FromItem[];
  where?: Expr;
  groupBy: Expr[];
  groupByAll?: boolean;
  having?: Expr;
  orderBy: { expr: Expr; desc: boolean; explicitDir: boolean }[];
  limit?: Expr;
  offset?: Expr;
  setOp?: { op: string; tok: Token; right: Query };
}

export interface Update {
  type: 'update';
  tok: Token;
  ctes: Cte[];
  table: FromItem;
  sets: { column: string; expr: Expr }[];
  from: FromItem[];
  where?: Expr;
}
export interface Delete {
  type: 'delete';
  tok: Token;
  ctes: Cte[];
  table: FromItem;
  using: FromItem[];
  where?: Expr;
}
export interface Insert {
  type: 'insert';
  tok: Token;
  ctes: Cte[];
  table: FromItem;
  columns: string[];
  query?: Query;
  rows: Expr[][];
}
export type Query = Select | Update | Delete | Insert;

const CLAUSE_WORDS = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'ON', 'USING', 'JOIN', 'INNER', 'LEFT',
  'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'WINDOW', 'RETURNING', 'SET', 'VALUES', 'FETCH', 'FOR', 'AND', 'OR', 'THEN', 'WHEN', 'ELSE', 'END',
  'AS', 'INTO', 'LATERAL', 'QUALIFY', 'IS', 'NOT', 'IN', 'LIKE', 'ILIKE', 'BETWEEN', 'ASC', 'DESC', 'NULLS', 'OUTER', 'WITH', 'SELECT', 'COLLATE', 'ESCAPE', 'SIMILAR', 'ISNULL', 'NOTNULL', 'DO', 'CONFLICT',
]);

const BINARY_PRECEDENCE: Record<string, number> = {
  OR: 1,
  AND: 2,
  '=': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '<>': 4, '!=': 4, '<=>': 4,
  '||': 6, '+': 6, '-': 6, '&': 6, '|': 6, '#': 6, '<<': 6, '>>': 6,
  '*': 7, '/': 7, '%': 7,
  '^': 8,
};

export class QueryParser {
  i = 0;
  constructor(readonly tokens: Token[]) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  /** The next token, or a parse error when the statement ended. */
  take(what = 'a name'): Token {
    const t = this.tokens[this.i];
    if (!t) throw this.err(`expected ${what}`);
    this.i++;
    return t;
  }
  isKw(...w: string[]): boolean {
    const t = this.peek();
    return !!t && t.type === 'word' && w.includes(t.value);
  }
  kw(...w: string[]): boolean {
    for (let k = 0; k < w.length; k++) {
      const t = this.tokens[this.i + k];
      if (!t || t.type !== 'word' || t.value !== w[k]) return false;
    }
    this.i += w.length;
    return true;
  }
  isP(p: string): boolean {
    const t = this.peek();
    return !!t && (t.type === 'punct' || t.type === 'op') && t.text === p;
  }
  p(p: string): boolean {
    if (this.isP(p)) {
      this.i++;
      return true;
    }
    return false;
  }
  expectP(p: string): Token {
    const t = this.peek();
    if (!this.p(p)) throw this.err(`expected "${p}"`);
    return t!;
  }
  err(msg: string): ParseError {
    const t = this.peek();
    if (!t) {
      const last = this.tokens[this.tokens.length - 1];
      return new ParseError(`${msg} but the statement ended`, last.line, last.col + last.text.length);
    }
    return new ParseError(`${msg} but found "${t.text}"`, t.line, t.col);
  }

  parseStatement(): Query {
    const q = this.parseQuery();
    if (this.i < this.tokens.length && !this.isKw('RETURNING', 'ON', 'FOR')) throw this.err('unexpected token');
    return q;
  }

  parseQuery(): Query {
    const tok = this.peek();
    if (!tok) throw this.err('expected a query');
    const ctes: Cte[] = [];
    if (this.kw('WITH')) {
      this.kw('RECURSIVE');
      do {
        const nameTok = this.take('a CTE name');
        if (this.isP('(')) this.skipGroup();
        if (!this.kw('AS')) throw this.err('expected AS');
        if (!this.kw('NOT', 'MATERIALIZED')) this.kw('MATERIALIZED');
        this.expectP('(');
        const query = this.parseQuery();
        const closeTok = this.expectP(')');
        ctes.push({ name: identName(nameTok), tok: nameTok, query, closeTok });
      } while (this.p(','));
    }
    let q: Query;
    if (this.isKw('SELECT') || this.isP('(')) q = this.parseSelect(tok);
    else if (this.kw('UPDATE')) q = this.parseUpdate(tok);
    else if (this.kw('DELETE')) q = this.parseDelete(tok);
    else if (this.kw('INSERT') || this.kw('REPLACE')) q = this.parseInsert(tok);
    else throw this.err('expected SELECT, INSERT, UPDATE or DELETE');
    q.ctes = ctes;
    q.tok = tok;
    return q;
  }

  private parseSelect(tok: Token): Select {
    let s: Select;
    if (this.p('(')) {
      const inner = this.parseQuery();
      this.expectP(')');
      s = inner.type === 'select' ? inner : ({ type: 'select', tok, ctes: [], distinct: false, items: [], from: [], groupBy: [], orderBy: [] } as Select);
    } else {
      if (!this.kw('SELECT')) throw this.err('expected SELECT');
      s = { type: 'select', tok, ctes: [], distinct: false, items: [], from: [], groupBy: [], orderBy: [] };
      if (this.isKw('DISTINCT')) {
        s.distinctTok = this.peek();
        this.i++;
        s.distinct = true;
        if (this.kw('ON')) this.skipGroup();
      } else this.kw('ALL');
      while (this.isKw('SQL_CALC_FOUND_ROWS', 'STRAIGHT_JOIN', 'HIGH_PRIORITY', 'SQL_NO_CACHE')) this.i++;
      if (!this.isKw('FROM')) {
        // a trailing comma before FROM is a lint finding (CV03), not a parse error
        do s.items.push(this.parseSelectItem());
        while (this.p(',') && !this.isKw('FROM'));
      }
      if (this.kw('INTO')) this.parseFromItem();
      if (this.kw('FROM')) s.from = this.parseFromList();
      if (this.kw('WHERE')) s.where = this.parseExpr();
      if (this.kw('GROUP', 'BY')) {
        if (this.kw('ALL')) s.groupByAll = true;
        else do s.groupBy.push(this.parseExpr());
        while (this.p(','));
      }
      if (this.kw('HAVING')) s.having = this.parseExpr();
      if (this.kw('WINDOW')) {
        do {
          this.i++;
          this.kw('AS');
          this.skipGroup();
        } while (this.p(','));
      }
    }
    if (this.isKw('UNION', 'INTERSECT', 'EXCEPT')) {
      const opTok = this.peek()!;
      this.i++;
      const all = this.kw('ALL');
      this.kw('DISTINCT');
      const right = this.parseSelect(this.peek() ?? opTok);
      s.setOp = { op: `${opTok.value}${all ? ' ALL' : ''}`, tok: opTok, right };
      // ORDER BY/LIMIT after a set operation belong to the whole; the right side parsed them
      s.orderBy = right.orderBy;
      s.limit = right.limit;
      s.offset = right.offset;
      return s;
    }
    this.parseTail(s);
    return s;
  }

  private parseTail(s: Select): void {
    if (this.kw('ORDER', 'BY')) {
      do {
        const expr = this.parseExpr();
        let desc = false;
        let explicitDir = false;
        if (this.kw('DESC')) { desc = true; explicitDir = true; }
        else if (this.kw('ASC')) explicitDir = true;
        if (this.kw('NULLS')) this.i++;
        s.orderBy.push({ expr, desc, explicitDir });
      } while (this.p(','));
    }
    for (;;) {
      if (this.kw('LIMIT')) {
        const first = this.parseExpr();
        if (this.p(',')) {
          s.offset = first; // MySQL LIMIT offset, count
          s.limit = this.parseExpr();
        } else s.limit = first;
        continue;
      }
      if (this.kw('OFFSET')) {
        s.offset = this.parseExpr();
        if (!this.kw('ROWS')) this.kw('ROW');
        continue;
      }
      if (this.kw('FETCH')) {
        while (!this.done() && !this.isKw('ONLY', 'TIES')) this.i++;
        this.i++;
        continue;
      }
      if (this.kw('FOR')) {
        while (!this.done() && !this.isP(')')) this.i++;
        continue;
      }
      break;
    }
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  private parseSelectItem(): SelectItem {
    const expr = this.parseExpr();
    return { expr, ...this.parseAlias() };
  }

  private parseAlias(): { alias?: string; aliasTok?: Token; explicitAs: boolean } {
    if (this.kw('AS')) {
      const t = this.peek();
      if (!t) throw this.err('expected an alias');
      this.i++;
      return { alias: t.type === 'string' ? t.text.slice(1, -1) : identName(t), aliasTok: t, explicitAs: true };
    }
    const t = this.peek();
    if (t && (t.type === 'qident' || (t.type === 'word' && !CLAUSE_WORDS.has(t.value) && !['STRAIGHT_JOIN', 'TABLESAMPLE', 'WHERE'].includes(t.value)))) {
      this.i++;
      return { alias: identName(t), aliasTok: t, explicitAs: false };
    }
    return { explicitAs: false };
  }

  parseFromList(): FromItem[] {
    const items: FromItem[] = [];
    do items.push(this.parseJoinTree());
    while (this.p(','));
    return items;
  }

  private parseJoinTree(): FromItem {
    let left = this.parseFromItem();
    for (;;) {
      const tok = this.peek();
      if (!tok) return left;
      const natural = this.kw('NATURAL');
      let joinType = '';
      if (this.kw('CROSS', 'JOIN')) joinType = 'CROSS';
      else if (this.kw('JOIN') || this.kw('INNER', 'JOIN')) joinType = this.tokens[this.i - 2]?.value === 'INNER' ? 'INNER' : '';
      else if (this.kw('STRAIGHT_JOIN')) joinType = '';
      else if (this.isKw('LEFT', 'RIGHT', 'FULL')) {
        joinType = this.peek()!.value;
        this.i++;
        this.kw('OUTER');
        if (!this.kw('JOIN')) throw this.err('expected JOIN');
      } else {
        if (natural) throw this.err('expected JOIN');
        return left;
      }
      const right = this.parseFromItem();
      const join: FromItem = { kind: 'join', joinType, natural, left, right, tok };
      if (this.kw('ON')) join.on = this.parseExpr();
      else if (this.kw('USING')) {
        this.expectP('(');
        join.using = [];
        do join.using.push(identName(this.take()));
        while (this.p(','));
        this.expectP(')');
      }
      left = join;
    }
  }

  parseFromItem(): FromItem {
    const tok = this.peek();
    if (!tok) throw this.err('expected a table');
    const lateral = this.kw('LATERAL');
    if (this.isP('(')) {
      const save = this.i;
      this.i++;
      if (this.isKw('SELECT', 'WITH', 'VALUES')) {
        if (this.isKw('VALUES')) {
          this.i = save;
          this.skipGroup();
          const a = this.parseAlias();
          if (this.isP('(')) this.skipGroup();
          return { kind: 'function', expr: { kind: 'raw', tokens: [], columns: [], tok }, ...a, tok };
        }
        const query = this.parseQuery();
        this.expectP(')');
        const a = this.parseAlias();
        if (this.isP('(')) this.skipGroup();
        return { kind: 'subquery', query, ...a, tok, lateral };
      }
      const inner = this.parseJoinTree();
      this.expectP(')');
      return inner;
    }
    this.kw('ONLY');
    if (tok.type !== 'word' && tok.type !== 'qident') throw this.err('expected a table name');
    const parts: Token[] = [this.take()];
    while (this.isP('.')) {
      this.i++;
      parts.push(this.take());
    }
    if (this.isP('(')) {
      // table function, e.g. generate_series(1, 10) or unnest(...)
      this.i -= parts.length;
      const expr = this.parsePrimary();
      const a = this.parseAlias();
      if (this.isP('(')) this.skipGroup();
      return { kind: 'function', expr, ...a, tok };
    }
    this.p('*');
    const names = parts.map(identName);
    const name = names[names.length - 1];
    const schema = names.length > 1 ? names[names.length - 2] : undefined;
    const a = this.parseAlias();
    if (this.isP('(') && a.alias) this.skipGroup(); // column alias list
    while (this.isKw('USE', 'FORCE', 'IGNORE') && this.peek(1)?.type === 'word') {
      this.i += 2;
      if (this.isKw('FOR')) this.i += 2;
      this.skipGroup();
    }
    return { kind: 'table', schema, name, ...a, tok };
  }

  private parseUpdate(tok: Token): Update {
    this.kw('ONLY');
    const table = this.parseFromItem();
    if (!this.kw('SET')) throw this.err('expected SET');
    const sets: Update['sets'] = [];
    do {
      if (this.isP('(')) {
        this.skipGroup();
        this.expectP('=');
        sets.push({ column: '(…)', expr: this.parseExpr() });
        continue;
      }
      const col = this.take();
      while (this.p('.')) this.i++;
      this.expectP('=');
      sets.push({ column: identName(col), expr: this.parseExpr() });
    } while (this.p(','));
    const u: Update = { type: 'update', tok, ctes: [], table, sets, from: [] };
    if (this.kw('FROM')) u.from = this.parseFromList();
    if (this.kw('WHERE')) u.where = this.kw('CURRENT', 'OF') ? this.parsePrimary() : this.parseExpr();
    this.skipMysqlTail();
    return u;
  }

  private parseDelete(tok: Token): Delete {
    this.kw('FROM');
    this.kw('ONLY');
    const table = this.parseFromItem();
    const d: Delete = { type: 'delete', tok, ctes: [], table, using: [] };
    if (this.kw('USING')) d.using = this.parseFromList();
    if (this.kw('WHERE')) d.where = this.parseExpr();
    this.skipMysqlTail();
    return d;
  }

  private skipMysqlTail(): void {
    if (this.kw('ORDER', 'BY')) {
      do {
        this.parseExpr();
        if (!this.kw('ASC')) this.kw('DESC');
      } while (this.p(','));
    }
    if (this.kw('LIMIT')) this.parseExpr();
    if (this.kw('RETURNING')) this.i = this.tokens.length;
  }

  private parseInsert(tok: Token): Insert {
    this.kw('IGNORE');
    if (!this.kw('OR', 'REPLACE')) this.kw('OR', 'IGNORE');
    this.kw('INTO');
    const table = this.parseFromItem();
    const ins: Insert = { type: 'insert', tok, ctes: [], table, columns: [], rows: [] };
    if (this.isP('(') && !this.isKw('SELECT')) {
      const save = this.i;
      this.i++;
      if (this.isKw('SELECT', 'WITH')) this.i = save;
      else {
        do ins.columns.push(identName(this.take()));
        while (this.p(','));
        this.expectP(')');
      }
    }
    if (this.kw('DEFAULT', 'VALUES')) return ins;
    if (this.kw('VALUES') || this.kw('VALUE')) {
      do {
        this.expectP('(');
        const row: Expr[] = [];
        if (!this.isP(')')) {
          do row.push(this.parseExpr());
          while (this.p(','));
        }
        this.expectP(')');
        ins.rows.push(row);
      } while (this.p(','));
    } else if (this.isKw('SELECT', 'WITH') || this.isP('(')) ins.query = this.parseQuery();
    // ON CONFLICT / ON DUPLICATE KEY UPDATE / RETURNING: not analysed
    this.i = this.tokens.length;
    return ins;
  }

  skipGroup(): void {
    this.expectP('(');
    let depth = 1;
    while (!this.done() && depth > 0) {
      const t = this.take();
      if (t.type === 'punct' && t.text === '(') depth++;
      if (t.type === 'punct' && t.text === ')') depth--;
    }
  }

  parseExpr(minPrec = 0): Expr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (!t) return left;
      // postfix predicates
      if (minPrec <= 3) {
        const save = this.i;
        const not = this.kw('NOT');
        if (this.kw('IN')) {
          left = this.parseIn(left, not, t);
          continue;
        }
        if (this.kw('BETWEEN')) {
          this.kw('SYMMETRIC');
          const low = this.parseExpr(5);
          if (!this.kw('AND')) throw this.err('expected AND in BETWEEN');
          const high = this.parseExpr(5);
          left = { kind: 'between', not, expr: left, low, high, tok: t };
          continue;
        }
        if (this.isKw('LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'GLOB') || (this.isKw('SIMILAR') && this.peek(1)?.value === 'TO')) {
          const op = this.peek()!.value;
          this.i += op === 'SIMILAR' ? 2 : 1;
          const pattern = this.parseExpr(5);
          if (this.kw('ESCAPE')) this.parseExpr(5);
          left = { kind: 'like', not, op, expr: left, pattern, tok: t };
          continue;
        }
        this.i = save;
        if (this.kw('IS')) {
          const isNot = this.kw('NOT');
          if (this.kw('DISTINCT', 'FROM')) {
            const right = this.parseExpr(5);
            left = { kind: 'binary', op: isNot ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', left, right, tok: t };
            continue;
          }
          const w = this.peek();
          if (!w) throw this.err('expected NULL, TRUE or FALSE');
          this.i++;
          left = { kind: 'is', not: isNot, expr: left, what: w.value, tok: t };
          continue;
        }
        if (this.kw('ISNULL') || this.kw('NOTNULL')) {
          left = { kind: 'is', not: this.tokens[this.i - 1].value === 'NOTNULL', expr: left, what: 'NULL', tok: t };
          continue;
        }
      }
      if (t.type === 'op' && t.text === '::') {
        this.i++;
        left = { kind: 'cast', expr: left, type: this.parseTypeName(), tok: t };
        continue;
      }
      if (t.type === 'punct' && t.text === '[') {
        this.i++;
        this.parseExpr();
        if (this.p(':')) this.parseExpr();
        this.expectP(']');
        continue;
      }
      if (this.isKw('COLLATE')) {
        this.i += 2;
        continue;
      }
      if (this.isKw('AT') && this.peek(1)?.value === 'TIME') {
        this.i += 3;
        this.parseExpr(9);
        continue;
      }
      const op = t.type === 'word' ? t.value : t.type === 'op' ? t.text : undefined;
      if (op === undefined) return left;
      let prec = BINARY_PRECEDENCE[op];
      if (prec === undefined && t.type === 'op') prec = 5; // ->, ->>, @>, ~, && ...: PostgreSQL's "other operators"
      if (prec === undefined || prec < minPrec) return left;
      this.i++;
      if ((op === '=' || op === '<>' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=') && this.isKw('ANY', 'ALL', 'SOME')) {
        const fn = this.peek()!;
        this.i++;
        this.expectP('(');
        let right: Expr;
        if (this.isKw('SELECT', 'WITH')) right = { kind: 'subquery', query: this.parseQuery(), tok: fn };
        else right = { kind: 'func', name: fn.value.toLowerCase(), args: [this.parseExpr()], star: false, distinct: false, over: false, tok: fn };
        this.expectP(')');
        left = { kind: 'binary', op, left, right, tok: t };
        continue;
      }
      const right = this.parseExpr(prec + 1);
      left = { kind: 'binary', op, left, right, tok: t };
    }
  }

  private parseIn(left: Expr, not: boolean, tok: Token): Expr {
    this.expectP('(');
    if (this.isKw('SELECT', 'WITH')) {
      const subquery = this.parseQuery();
      this.expectP(')');
      return { kind: 'in', not, expr: left, subquery, tok };
    }
    const list: Expr[] = [];
    if (!this.isP(')')) {
      do list.push(this.parseExpr());
      while (this.p(','));
    }
    this.expectP(')');
    return { kind: 'in', not, expr: left, list, tok };
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (!t) throw this.err('expected an expression');
    if (t.type === 'word' && t.value === 'NOT') {
      this.i++;
      if (this.isKw('EXISTS')) {
        const e = this.parsePrimary();
        if (e.kind === 'exists') return { ...e, not: true, tok: t };
      }
      return { kind: 'unary', op: 'NOT', operand: this.parseExpr(3), tok: t };
    }
    if (t.type === 'op' && (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!')) {
      this.i++;
      return { kind: 'unary', op: t.text, operand: this.parseExpr(9), tok: t };
    }
    return this.parsePrimary();
  }

  parseTypeName(): string {
    const parts: string[] = [];
    while (this.peek() && (this.peek()!.type === 'word' || this.peek()!.type === 'qident')) {
      parts.push(this.take('a type name').text.toLowerCase());
      if (this.isP('.')) { this.i++; parts.push('.'); }
      if (!this.isKw('VARYING', 'PRECISION', 'WITH', 'WITHOUT', 'TIME', 'ZONE')) break;
    }
    if (this.isP('(')) this.skipGroup();
    while (this.isP('[')) { this.i++; this.p(']'); }
    return parts.join(' ').replace(/ \. /g, '.');
  }

  parsePrimary(): Expr {
    const t = this.peek();
    if (!t) throw this.err('expected an expression');
    if (t.type === 'punct' && t.text === '(') {
      this.i++;
      if (this.isKw('SELECT', 'WITH')) {
        const query = this.parseQuery();
        this.expectP(')');
        return { kind: 'subquery', query, tok: t };
      }
      const items: Expr[] = [];
      do items.push(this.parseExpr());
      while (this.p(','));
      this.expectP(')');
      return { kind: 'paren', items, tok: t };
    }
    if (t.type === 'string') {
      this.i++;
      // adjacent string literals and typed literals (DATE '...') are one literal
      return { kind: 'literal', lit: 'string', value: t.text, tok: t };
    }
    if (t.type === 'number') {
      this.i++;
      return { kind: 'literal', lit: 'number', value: t.text, tok: t };
    }
    if (t.type === 'param') {
      this.i++;
      return { kind: 'literal', lit: 'param', value: t.text, tok: t };
    }
    if (t.type === 'op' && t.text === '*') {
      this.i++;
      return { kind: 'star', tok: t };
    }
    if (t.type === 'op' && t.text === '?') {
      this.i++;
      return { kind: 'literal', lit: 'param', value: '?', tok: t };
    }
    if (t.type === 'word') {
      const v = t.value;
      if (v === 'NULL') { this.i++; return { kind: 'literal', lit: 'null', value: 'NULL', tok: t }; }
      if (v === 'TRUE' || v === 'FALSE') { this.i++; return { kind: 'literal', lit: 'bool', value: v, tok: t }; }
      if (v === 'CASE') return this.parseCase();
      if (v === 'EXISTS') {
        this.i++;
        this.expectP('(');
        const subquery = this.parseQuery();
        this.expectP(')');
        return { kind: 'exists', not: false, subquery, tok: t };
      }
      if (v === 'CAST' || v === 'TRY_CAST') {
        this.i++;
        this.expectP('(');
        const expr = this.parseExpr();
        if (!this.kw('AS')) throw this.err('expected AS');
        const type = this.parseTypeName();
        this.expectP(')');
        return { kind: 'cast', expr, type, tok: t, fn: true };
      }
      if (v === 'INTERVAL' || v === 'DATE' || v === 'TIMESTAMP' || v === 'TIME') {
        if (this.peek(1)?.type === 'string') {
          this.i += 2;
          while (this.isKw('YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'WITH', 'WITHOUT', 'TIME', 'ZONE', 'TO')) this.i++;
          return { kind: 'literal', lit: 'other', value: `${v} ${this.tokens[this.i - 1].text}`, tok: t };
        }
        if (v === 'INTERVAL' && this.peek(1)?.type !== 'punct') {
          // MySQL INTERVAL 1 DAY
          this.i++;
          const e = this.parseExpr(9);
          if (this.peek()?.type === 'word') this.i++;
          return { kind: 'literal', lit: 'other', value: 'INTERVAL', tok: e.tok };
        }
      }
      if (v === 'ARRAY' && this.peek(1)?.text === '[') {
        this.i += 2;
        const items: Expr[] = [];
        if (!this.isP(']')) {
          do items.push(this.parseExpr());
          while (this.p(','));
        }
        this.expectP(']');
        return { kind: 'func', name: 'array', args: items, star: false, distinct: false, over: false, tok: t };
      }
    }
    if (t.type === 'word' || t.type === 'qident') {
      if (t.type === 'word' && CLAUSE_WORDS.has(t.value) && !['LEFT', 'RIGHT', 'SET', 'VALUES', 'REPLACE'].includes(t.value)) throw this.err('expected an expression');
      this.i++;
      const parts: Token[] = [t];
      while (this.isP('.')) {
        this.i++;
        const n = this.peek();
        if (n && n.type === 'op' && n.text === '*') {
          this.i++;
          return { kind: 'star', qualifier: parts.map(identName).join('.'), tok: t };
        }
        if (!n || (n.type !== 'word' && n.type !== 'qident')) throw this.err('expected a name after "."');
        this.i++;
        parts.push(n);
      }
      if (this.isP('(')) return this.parseFuncCall(parts, t);
      if (parts.length === 1 && t.type === 'word' && ['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME', 'CURRENT_USER', 'SESSION_USER', 'USER'].includes(t.value)) {
        return { kind: 'func', name: t.text.toLowerCase(), args: [], star: false, distinct: false, over: false, tok: t };
      }
      return { kind: 'column', parts: parts.map(identName), tok: t };
    }
    throw this.err('expected an expression');
  }

  private parseFuncCall(parts: Token[], tok: Token): Expr {
    const name = parts.map((p) => p.text.toLowerCase()).join('.');
    const open = this.i;
    this.i++;
    let star = false;
    let distinct = false;
    const args: Expr[] = [];
    const close = this.matchParen(open);
    try {
      if (this.isP('*')) {
        this.i++;
        star = true;
      } else if (!this.isP(')')) {
        if (this.kw('DISTINCT')) distinct = true;
        else this.kw('ALL');
        do args.push(this.parseExpr());
        while (this.p(','));
        if (this.kw('ORDER', 'BY')) {
          do {
            this.parseExpr();
            if (!this.kw('ASC')) this.kw('DESC');
          } while (this.p(','));
        }
        if (this.kw('SEPARATOR')) this.i++;
      }
      if (this.i !== close) throw this.err('expected ")"');
    } catch {
      // EXTRACT(x FROM y), SUBSTRING(a FROM 1 FOR 2), POSITION(a IN b), TRIM(BOTH ...): keep raw
      const inner = this.tokens.slice(open + 1, close);
      args.length = 0;
      args.push({ kind: 'raw', tokens: inner, columns: rawColumns(inner), tok: inner[0] ?? tok });
    }
    this.i = close + 1;
    let over = false;
    if (this.kw('WITHIN', 'GROUP')) this.skipGroup();
    if (this.kw('FILTER')) this.skipGroup();
    if (this.kw('OVER')) {
      over = true;
      if (this.isP('(')) this.skipGroup();
      else this.i++;
    }
    return { kind: 'func', name, args, star, distinct, over, tok };
  }

  private matchParen(open: number): number {
    let depth = 0;
    for (let k = open; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.type === 'punct' && t.text === '(') depth++;
      if (t.type === 'punct' && t.text === ')' && --depth === 0) return k;
    }
    this.i = open;
    throw this.err('unmatched "("');
  }

  private parseCase(): Expr {
    const tok = this.take();
    let operand: Expr | undefined;
    if (!this.isKw('WHEN')) operand = this.parseExpr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.kw('WHEN')) {
      const when = this.parseExpr();
      if (!this.kw('THEN')) throw this.err('expected THEN');
      whens.push({ when, then: this.parseExpr() });
    }
    let elseExpr: Expr | undefined;
    if (this.kw('ELSE')) elseExpr = this.parseExpr();
    const endTok = this.peek()!;
    if (!this.kw('END')) throw this.err('expected END');
    return { kind: 'case', operand, whens, else: elseExpr, tok, endTok };
  }
}

function rawColumns(tokens: Token[]): Expr[] {
  const out: Expr[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if ((t.type === 'word' && !CLAUSE_WORDS.has(t.value) && !/^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND|EPOCH|BOTH|LEADING|TRAILING|DOW|WEEK|QUARTER)$/.test(t.value)) || t.type === 'qident') {
      if (tokens[k + 1]?.text === '(') continue;
      if (tokens[k - 1]?.text === '.') continue;
      const parts = [identName(t)];
      while (tokens[k + 1]?.text === '.' && tokens[k + 2]) {
        parts.push(identName(tokens[k + 2]));
        k += 2;
      }
      out.push({ kind: 'column', parts, tok: t });
    }
  }
  return out;
}

/** Parses a DML statement's tokens; undefined for statements that are not DML. */
export function parseQuery(tokens: Token[]): Query | undefined {
  const first = tokens[0];
  if (!first) return undefined;
  const v = first.value;
  if (!(v === 'SELECT' || v === 'WITH' || v === 'UPDATE' || v === 'DELETE' || v === 'INSERT' || v === 'REPLACE' || (first.text === '(' && tokens[1]?.value === 'SELECT'))) return undefined;
  return new QueryParser(tokens).parseStatement();
}

/** Depth-first walk over every expression (not into subqueries unless asked). */
export function walkExpr(e: Expr | undefined, fn: (e: Expr) => void, intoSubqueries = false): void {
  if (!e) return;
  fn(e);
  switch (e.kind) {
    case 'func':
      e.args.forEach((a) => walkExpr(a, fn, intoSubqueries));
      break;
    case 'binary':
      walkExpr(e.left, fn, intoSubqueries);
      walkExpr(e.right, fn, intoSubqueries);
      break;
    case 'unary':
      walkExpr(e.operand, fn, intoSubqueries);
      break;
    case 'in':
      walkExpr(e.expr, fn, intoSubqueries);
      e.list?.forEach((a) => walkExpr(a, fn, intoSubqueries));
      if (intoSubqueries && e.subquery) walkQueryExprs(e.subquery, fn);
      break;
    case 'between':
      walkExpr(e.expr, fn, intoSubqueries);
      walkExpr(e.low, fn, intoSubqueries);
      walkExpr(e.high, fn, intoSubqueries);
      break;
    case 'is':
      walkExpr(e.expr, fn, intoSubqueries);
      break;
    case 'like':
      walkExpr(e.expr, fn, intoSubqueries);
      walkExpr(e.pattern, fn, intoSubqueries);
      break;
    case 'exists':
    case 'subquery':
      if (intoSubqueries) walkQueryExprs(e.kind === 'exists' ? e.subquery : e.query, fn);
      break;
    case 'case':
      walkExpr(e.operand, fn, intoSubqueries);
      e.whens.forEach((w) => {
        walkExpr(w.when, fn, intoSubqueries);
        walkExpr(w.then, fn, intoSubqueries);
      });
      walkExpr(e.else, fn, intoSubqueries);
      break;
    case 'cast':
      walkExpr(e.expr, fn, intoSubqueries);
      break;
    case 'paren':
      e.items.forEach((a) => walkExpr(a, fn, intoSubqueries));
      break;
    case 'raw':
      e.columns.forEach((a) => fn(a));
      break;
    default:
      break;
  }
}

export function walkQueryExprs(q: Query, fn: (e: Expr) => void): void {
  for (const c of q.ctes) walkQueryExprs(c.query, fn);
  if (q.type === 'select') {
    q.items.forEach((i) => walkExpr(i.expr, fn, true));
    q.from.forEach((f) => walkFrom(f, fn));
    walkExpr(q.where, fn, true);
    q.groupBy.forEach((g) => walkExpr(g, fn, true));
    walkExpr(q.having, fn, true);
    q.orderBy.forEach((o) => walkExpr(o.expr, fn, true));
    if (q.setOp) walkQueryExprs(q.setOp.right, fn);
  } else if (q.type === 'update') {
    q.sets.forEach((s) => walkExpr(s.expr, fn, true));
    q.from.forEach((f) => walkFrom(f, fn));
    walkExpr(q.where, fn, true);
  } else if (q.type === 'delete') {
    q.using.forEach((f) => walkFrom(f, fn));
    walkExpr(q.where, fn, true);
  } else {
    q.rows.forEach((r) => r.forEach((e) => walkExpr(e, fn, true)));
    if (q.query) walkQueryExprs(q.query, fn);
  }
}

function walkFrom(f: FromItem, fn: (e: Expr) => void): void {
  if (f.kind === 'join') {
    walkFrom(f.left, fn);
    walkFrom(f.right, fn);
    walkExpr(f.on, fn, true);
  } else if (f.kind === 'subquery') walkQueryExprs(f.query, fn);
}

/** Every select in a query tree (CTEs, set operations, subqueries in FROM and expressions). */
export function allSelects(q: Query, out: Select[] = []): Select[] {
  for (const c of q.ctes) allSelects(c.query, out);
  if (q.type === 'select') {
    out.push(q);
    if (q.setOp) allSelects(q.setOp.right, out);
    const visit = (e: Expr) => {
      if (e.kind === 'subquery') allSelects(e.query, out);
      if (e.kind === 'exists') allSelects(e.subquery, out);
      if (e.kind === 'in' && e.subquery) allSelects(e.subquery, out);
    };
    q.items.forEach((i) => walkExpr(i.expr, visit));
    walkExpr(q.where, visit);
    walkExpr(q.having, visit);
    const fromVisit = (f: FromItem) => {
      if (f.kind === 'join') {
        fromVisit(f.left);
        fromVisit(f.right);
        walkExpr(f.on, visit);
      } else if (f.kind === 'subquery') allSelects(f.query, out);
    };
    q.from.forEach(fromVisit);
  } else if (q.type === 'insert' && q.query) allSelects(q.query, out);
  else if (q.type === 'update' || q.type === 'delete') {
    const visit = (e: Expr) => {
      if (e.kind === 'subquery') allSelects(e.query, out);
      if (e.kind === 'exists') allSelects(e.subquery, out);
      if (e.kind === 'in' && e.subquery) allSelects(e.subquery, out);
    };
    walkExpr(q.where, visit);
  }
  return out;
}

/** Tables (with alias) introduced by FROM items, flattened through joins. */
export function fromTables(items: FromItem[]): FromItem[] {
  const out: FromItem[] = [];
  const visit = (f: FromItem) => {
    if (f.kind === 'join') {
      visit(f.left);
      visit(f.right);
    } else out.push(f);
  };
  items.forEach(visit);
  return out;
}

/** Splits a predicate into its top-level AND conjuncts. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  if (e.kind === 'paren' && e.items.length === 1) return conjuncts(e.items[0]);
  return [e];
}
