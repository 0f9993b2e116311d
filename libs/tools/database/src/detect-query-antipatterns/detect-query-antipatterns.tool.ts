import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import type { Token } from '../shared/lexer';
import { dialectOf, dialectOption } from '../shared/options';
import { allSelects, conjuncts, fromTables, parseQuery, walkExpr, walkQueryExprs, type Expr, type FromItem, type Query, type Select } from '../shared/query';
import { buildSchema, tableKey, type SchemaModel } from '../shared/schema-model';
import { parseSql, type Statement } from '../shared/statements';
import { isQueryLog, stripLogPrefixes } from '../shared/query-log';

export const antipatternRules: RuleDoc[] = [
  { id: 'select-star', severity: 'warning', summary: 'SELECT * (or t.*) reads every column: breaks index-only scans and couples code to column order' },
  { id: 'update-without-where', severity: 'error', summary: 'UPDATE without WHERE rewrites every row of the table' },
  { id: 'delete-without-where', severity: 'error', summary: 'DELETE without WHERE removes every row of the table' },
  { id: 'leading-wildcard-like', severity: 'warning', summary: 'LIKE/ILIKE pattern starting with % or _ cannot use a b-tree index' },
  { id: 'non-sargable-predicate', severity: 'warning', summary: 'A function or arithmetic on a column in WHERE/JOIN ON prevents index use' },
  { id: 'not-in-subquery', severity: 'warning', summary: 'NOT IN (SELECT …) returns no rows when the subquery yields a NULL, and plans poorly; use NOT EXISTS' },
  { id: 'implicit-cross-join', severity: 'warning', summary: 'Comma join without a join predicate: a Cartesian product' },
  { id: 'large-offset', severity: 'warning', summary: 'Large OFFSET reads and discards every skipped row; use keyset pagination' },
  { id: 'order-by-random', severity: 'warning', summary: 'ORDER BY random() sorts the whole result to pick rows' },
  { id: 'correlated-subquery', severity: 'info', summary: 'A subquery that references the outer query runs per row; a join or LATERAL is usually faster' },
  { id: 'n-plus-one', severity: 'warning', summary: 'The same statement shape repeated with different literals: an N+1 query pattern' },
];

const sev = (id: string) => antipatternRules.find((r) => r.id === id)!.severity;

export const detectQueryAntipatternsTool = defineTool({
  name: 'db_detect_query_antipatterns',
  title: 'Detect query antipatterns',
  description:
    'Finds SQL antipatterns in queries or a query log (PostgreSQL log prefixes stripped): SELECT *, UPDATE/DELETE without WHERE, leading-wildcard LIKE, non-sargable predicates, NOT IN (subquery), implicit cross joins, large OFFSETs, ORDER BY random(), correlated subqueries and N+1 statement patterns.',
  input: z
    .object({
      content: contentArg('SQL statements, or a query log (one statement per entry)'),
      schema: z.string().optional().describe('DDL of the tables, for column nullability (NOT IN)'),
      options: analyzerOptions({
        dialect: dialectOption,
        maxOffset: z.number().int().nonnegative().optional().describe('large-offset threshold (default 1000)'),
        nPlusOneMin: z.number().int().min(2).optional().describe('Repetitions of one statement shape that make an N+1 pattern (default 3)'),
      }),
    })
    .strict(),
  rules: antipatternRules,
  run(args) {
    const dialect = dialectOf(args.options);
    const text = isQueryLog(args.content) ? stripLogPrefixes(args.content) : args.content;
    const parsed = parseSql(text, dialect);
    const model = args.schema !== undefined ? buildSchema(args.schema, dialect, 'schema') : undefined;
    const findings: Finding[] = [];
    const queries: { stmt: Statement; query: Query }[] = [];
    for (const stmt of parsed.statements) {
      const query = parseQuery(stmt.tokens);
      if (!query) continue;
      queries.push({ stmt, query });
      checkQuery(query, { maxOffset: args.options?.maxOffset ?? 1000, model, dialect }, findings);
    }
    const patterns = nPlusOne(queries, args.options?.nPlusOneMin ?? 3, findings);
    return { findings, metrics: { statementCount: parsed.statements.length, queryCount: queries.length, patterns } };
  },
  render(env) {
    const rows = ((env.metrics?.patterns ?? []) as { fingerprint: string; count: number; table: string }[]).map((p) => [p.fingerprint, p.count, p.table]);
    return [table(['repeated statement', 'count', 'table'], rows)];
  },
});

interface Ctx {
  maxOffset: number;
  model?: SchemaModel;
  dialect: 'postgres' | 'mysql' | 'sqlite';
}

function push(out: Finding[], ruleId: string, tok: Token, message: string, fix: string, extra: Record<string, unknown> = {}): void {
  out.push({ ruleId, severity: sev(ruleId), message, location: { line: tok.line, column: tok.col }, fix, ...extra });
}

function tableName(f: FromItem | undefined): string {
  if (!f) return '?';
  if (f.kind === 'table') return f.schema && f.schema !== 'public' ? `${f.schema}.${f.name}` : f.name;
  if (f.kind === 'join') return tableName(f.left);
  return f.alias ?? 'subquery';
}

/** alias or name -> table name, for the FROM items of one select. */
function scope(items: FromItem[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fromTables(items)) {
    if (f.kind === 'table') {
      m.set(f.alias ?? f.name, tableName(f));
      if (!f.alias) m.set(f.name, tableName(f));
    } else if (f.kind !== 'join' && f.alias) m.set(f.alias, f.alias);
  }
  return m;
}

function columnLabel(e: Expr, sc: Map<string, string>, fallback: string): string {
  if (e.kind !== 'column') return exprText(e);
  if (e.parts.length >= 2) return `${sc.get(e.parts[e.parts.length - 2]) ?? e.parts[e.parts.length - 2]}.${e.parts[e.parts.length - 1]}`;
  return `${fallback}.${e.parts[0]}`;
}

function exprText(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.parts.join('.');
    case 'func':
      return `${e.name}(${e.star ? '*' : e.args.map(exprText).join(', ')})`;
    case 'literal':
      return e.value;
    case 'binary':
      return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case 'cast':
      return `${exprText(e.expr)}::${e.type}`;
    case 'paren':
      return `(${e.items.map(exprText).join(', ')})`;
    case 'unary':
      return `${e.op}${exprText(e.operand)}`;
    default:
      return '…';
  }
}

function columnsIn(e: Expr): Extract<Expr, { kind: 'column' }>[] {
  const out: Extract<Expr, { kind: 'column' }>[] = [];
  walkExpr(e, (x) => {
    if (x.kind === 'column') out.push(x);
  });
  return out;
}

const COMPARISON = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM']);

function checkQuery(q: Query, ctx: Ctx, out: Finding[]): void {
  if (q.type === 'update' && !q.where) {
    const t = tableName(q.table);
    push(out, 'update-without-where', q.tok, `UPDATE of ${t} has no WHERE clause: every row of ${t} is rewritten`, 'Add a WHERE clause (or WHERE true if every row is really meant)', { table: t });
  }
  if (q.type === 'delete' && !q.where) {
    const t = tableName(q.table);
    push(out, 'delete-without-where', q.tok, `DELETE from ${t} has no WHERE clause: every row of ${t} is removed`, `Add a WHERE clause, or use TRUNCATE ${t} if emptying it is the intent`, { table: t });
  }
  if (q.type === 'update' || q.type === 'delete') {
    const items = q.type === 'update' ? [q.table, ...q.from] : [q.table, ...q.using];
    predicateChecks(q.where, scope(items), tableName(q.table), ctx, out);
  }
  // SELECT * inside EXISTS (…) reads nothing: the planner only tests for a row
  const existsSelects = new Set<Select>();
  walkQueryExprs(q, (e) => {
    if (e.kind === 'exists' && e.subquery.type === 'select') existsSelects.add(e.subquery);
  });
  for (const s of allSelects(q)) checkSelect(s, ctx, out, existsSelects.has(s));
}

function checkSelect(s: Select, ctx: Ctx, out: Finding[], inExists: boolean): void {
  const sc = scope(s.from);
  const main = tableName(s.from[0]);
  for (const item of s.items) {
    if (item.expr.kind === 'star' && s.from.length > 0 && !inExists) {
      const t = item.expr.qualifier ? (sc.get(item.expr.qualifier) ?? item.expr.qualifier) : fromTables(s.from).map(tableName).join(', ');
      const what = item.expr.qualifier ? `${item.expr.qualifier}.*` : 'SELECT *';
      push(out, 'select-star', item.expr.tok, `${what} reads every column of ${t}`, 'List the columns the caller needs', { table: t });
    }
  }
  predicateChecks(s.where, sc, main, ctx, out);
  const joinVisit = (f: FromItem) => {
    if (f.kind !== 'join') return;
    joinVisit(f.left);
    joinVisit(f.right);
    predicateChecks(f.on, sc, main, ctx, out);
  };
  s.from.forEach(joinVisit);

  // implicit cross join: a comma-joined item that no WHERE conjunct links to another item
  if (s.from.length > 1) {
    const conj = conjuncts(s.where);
    const itemNames = s.from.map((f) => new Set(fromTables([f]).flatMap((x) => [x.kind === 'table' ? x.name : '', x.kind !== 'join' && x.alias ? x.alias : ''].filter(Boolean))));
    for (let k = 1; k < s.from.length; k++) {
      const linked = conj.some((c) => {
        const cols = columnsIn(c);
        const owners = new Set<number>();
        let unqualified = 0;
        for (const col of cols) {
          if (col.parts.length < 2) { unqualified++; continue; }
          const q = col.parts[col.parts.length - 2];
          const idx = itemNames.findIndex((n) => n.has(q));
          if (idx >= 0) owners.add(idx);
        }
        return (owners.has(k) && owners.size >= 2) || (unqualified >= 2 && c.kind === 'binary' && COMPARISON.has(c.op)) || (owners.size === 1 && unqualified >= 1 && !owners.has(k) && c.kind === 'binary');
      });
      const lateral = s.from[k].kind === 'subquery' && (s.from[k] as { lateral: boolean }).lateral;
      if (!linked && !lateral && s.from[k].kind !== 'function') {
        const a = tableName(s.from[0]);
        const b = tableName(s.from[k]);
        push(out, 'implicit-cross-join', s.from[k].tok, `${a} and ${b} are comma-joined with no join predicate: every row of ${a} pairs with every row of ${b}`, `Write an explicit JOIN ${b} ON … (or CROSS JOIN if the product is intended)`, { table: b });
      }
    }
  }
  if (s.offset && s.offset.kind === 'literal' && s.offset.lit === 'number' && Number(s.offset.value) > ctx.maxOffset) {
    push(out, 'large-offset', s.offset.tok, `OFFSET ${s.offset.value} on ${main} reads and discards ${s.offset.value} rows before returning any`, 'Paginate by key: WHERE (sort_key, id) > (last_seen_key, last_seen_id) ORDER BY sort_key, id LIMIT n', { table: main });
  }
  for (const o of s.orderBy) {
    if (o.expr.kind === 'func' && ['random', 'rand', 'newid'].includes(o.expr.name) && o.expr.args.length === 0) {
      push(out, 'order-by-random', o.expr.tok, `ORDER BY ${o.expr.name}() sorts every row of ${main} to pick a few`, 'Pick random keys instead (TABLESAMPLE, or WHERE id >= random key LIMIT n)', { table: main });
    }
  }
  // correlated scalar subqueries in the select list and WHERE
  const outerNames = new Set(sc.keys());
  const correlated = (e: Expr) => {
    if (e.kind !== 'subquery' || e.query.type !== 'select') return;
    const inner = scope(e.query.from);
    const refs: string[] = [];
    walkExpr(e.query.where, (x) => {
      if (x.kind === 'column' && x.parts.length >= 2) {
        const qual = x.parts[x.parts.length - 2];
        if (outerNames.has(qual) && !inner.has(qual)) refs.push(`${sc.get(qual)}.${x.parts[x.parts.length - 1]}`);
      }
    });
    if (refs.length > 0) {
      const t = tableName(e.query.from[0]);
      push(out, 'correlated-subquery', e.tok, `Subquery on ${t} references the outer ${refs.join(', ')} and runs once per outer row`, `Join ${t} (with GROUP BY for aggregates) or use LEFT JOIN LATERAL`, { table: t });
    }
  };
  s.items.forEach((i) => walkExpr(i.expr, correlated));
  walkExpr(s.where, (e) => {
    if (e.kind === 'binary' && COMPARISON.has(e.op)) {
      correlated(e.left);
      correlated(e.right);
    }
  });
}

function predicateChecks(where: Expr | undefined, sc: Map<string, string>, main: string, ctx: Ctx, out: Finding[]): void {
  walkExpr(where, (e) => {
    if (e.kind === 'like') {
      const p = e.pattern;
      if (p.kind === 'literal' && p.lit === 'string') {
        const body = p.value.replace(/^[EeNn]?['"]/, '');
        if (body.startsWith('%') || body.startsWith('_')) {
          const col = columnLabel(e.expr, sc, main);
          push(out, 'leading-wildcard-like', p.tok, `${e.not ? 'NOT ' : ''}${e.op} ${p.value} on ${col} starts with a wildcard, so no b-tree index on ${col} can be used`, `Use a trigram index (CREATE INDEX … USING gin (${col.split('.').pop()} gin_trgm_ops)) or full-text search`, { table: col.split('.').slice(0, -1).join('.') });
        }
      }
      nonSargable(e.expr, sc, main, out);
    }
    if (e.kind === 'binary' && COMPARISON.has(e.op)) {
      const lc = columnsIn(e.left).length > 0;
      const rc = columnsIn(e.right).length > 0;
      if (lc) nonSargable(e.left, sc, main, out);
      if (rc) nonSargable(e.right, sc, main, out);
    }
    if (e.kind === 'in' || e.kind === 'between') nonSargable(e.expr, sc, main, out);
    if (e.kind === 'in' && e.not && e.subquery && e.subquery.type === 'select') {
      const sub = e.subquery;
      const first = sub.items[0]?.expr;
      const subTable = tableName(sub.from[0]);
      let nullable = true;
      let colName = first ? exprText(first) : '?';
      if (first && first.kind === 'column' && ctx.model) {
        const subScope = scope(sub.from);
        const tname = first.parts.length >= 2 ? subScope.get(first.parts[first.parts.length - 2]) : subTable;
        const t = tname ? ctx.model.tables.get(tableKey(splitName(tname), ctx.dialect)) : undefined;
        const col = t?.columns.find((c) => c.name === first.parts[first.parts.length - 1]);
        if (col) nullable = !col.notNull && !t!.primaryKey?.columns.includes(col.name);
        colName = `${tname}.${first.parts[first.parts.length - 1]}`;
      } else if (first && first.kind === 'column') colName = `${subTable}.${first.parts[first.parts.length - 1]}`;
      if (!ctx.model || nullable) {
        const outer = columnLabel(e.expr, sc, main);
        push(out, 'not-in-subquery', e.tok, `${outer} NOT IN (SELECT ${colName} …): ${ctx.model ? `${colName} is nullable, so one NULL makes the predicate return no rows` : 'if the subquery yields a NULL the predicate returns no rows'}`, `Rewrite as NOT EXISTS (SELECT 1 FROM ${subTable} WHERE ${colName} = ${outer})`, { table: subTable });
      }
    }
  });
}

function splitName(n: string): { schema?: string; name: string } {
  const parts = n.split('.');
  return parts.length > 1 ? { schema: parts[0], name: parts[1] } : { name: n };
}

/** A column wrapped in a function, cast or arithmetic on the compared side. */
function nonSargable(side: Expr, sc: Map<string, string>, main: string, out: Finding[]): void {
  if (side.kind === 'column' || side.kind === 'literal' || side.kind === 'subquery' || side.kind === 'paren') {
    if (side.kind === 'paren' && side.items.length === 1) nonSargable(side.items[0], sc, main, out);
    return;
  }
  const cols = columnsIn(side);
  if (cols.length === 0) return;
  if (side.kind === 'func' && side.over) return;
  const isWrapper = side.kind === 'func' || side.kind === 'cast' || (side.kind === 'binary' && ['+', '-', '*', '/', '||', '%'].includes(side.op)) || side.kind === 'unary';
  if (!isWrapper) return;
  const col = columnLabel(cols[0], sc, main);
  const what = side.kind === 'func' ? `${side.name}()` : side.kind === 'cast' ? `a cast to ${side.type}` : side.kind === 'binary' ? `arithmetic (${side.op})` : `${side.op}`;
  const fix = side.kind === 'func' ? `Compare the bare column (move the function to the constant side), or create an expression index on ${exprText(side)}` : 'Move the computation to the constant side so the bare column is compared';
  push(out, 'non-sargable-predicate', startTok(side), `${what} on ${col} in a predicate (${exprText(side)}) prevents an index on ${col} from being used`, fix, { table: col.split('.').slice(0, -1).join('.') });
}

function startTok(e: Expr): Token {
  if (e.kind === 'cast') return startTok(e.expr);
  if (e.kind === 'binary') return startTok(e.left);
  return e.tok;
}

/** Statement shapes with literals replaced, repeated with different literals. */
function nPlusOne(queries: { stmt: Statement; query: Query }[], min: number, out: Finding[]): { fingerprint: string; count: number; table: string }[] {
  const groups = new Map<string, { first: Statement; count: number; literals: Set<string>; table: string }>();
  for (const { stmt, query } of queries) {
    const { fingerprint, literals } = fingerprintOf(stmt.tokens);
    const g = groups.get(fingerprint);
    if (g) {
      g.count++;
      g.literals.add(literals);
    } else {
      const t = query.type === 'select' ? tableName(query.from[0]) : query.type === 'insert' ? tableName(query.table) : tableName(query.table);
      groups.set(fingerprint, { first: stmt, count: 1, literals: new Set([literals]), table: t });
    }
  }
  const patterns: { fingerprint: string; count: number; table: string }[] = [];
  for (const [fingerprint, g] of groups) {
    if (g.count < min || g.literals.size < 2) continue;
    patterns.push({ fingerprint, count: g.count, table: g.table });
    push(out, 'n-plus-one', g.first.tokens[0], `The same statement on ${g.table} runs ${g.count} times with different values (${fingerprint.length > 80 ? `${fingerprint.slice(0, 77)}...` : fingerprint})`, `Fetch the rows in one query (WHERE … IN (…) or = ANY($1), or a JOIN) instead of one per item`, {
      fingerprint,
      count: g.count,
      table: g.table,
    });
  }
  return patterns;
}

function fingerprintOf(tokens: Token[]): { fingerprint: string; literals: string } {
  const parts: string[] = [];
  const lits: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'string' || t.type === 'number' || t.type === 'param') {
      lits.push(t.text);
      // collapse IN (…, …) lists of literals into one placeholder
      if (parts[parts.length - 1] === '?' || (parts[parts.length - 1] === ',' && parts[parts.length - 2] === '?')) {
        if (parts[parts.length - 1] === ',') parts.pop();
        continue;
      }
      parts.push('?');
      continue;
    }
    parts.push(t.type === 'word' ? t.value.toLowerCase() : t.type === 'qident' ? t.value : t.text);
  }
  return { fingerprint: parts.join(' ').replace(/ ([,)]) /g, '$1 ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ,/g, ','), literals: lits.join('\u0000') };
}
