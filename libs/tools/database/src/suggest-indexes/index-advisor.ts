import type { Token } from '../shared/lexer';
import { conjuncts, fromTables, walkExpr, type Expr, type FromItem, type Query } from '../shared/query';
import { indexesOf, tableKey, type SchemaModel } from '../shared/schema-model';
import { renderTokens } from '../shared/statements';

/** What one query needs from one table: equality keys in query order, then one range/ORDER BY key. */
export interface Need {
  table: string;
  equality: string[];
  range?: string;
  /** Columns of the table the query reads elsewhere (select list, other predicates). */
  referenced: string[];
  star: boolean;
}

type Col = Extract<Expr, { kind: 'column' }>;

function exprKey(e: Expr): string | undefined {
  if (e.kind === 'column') return e.parts[e.parts.length - 1];
  if (e.kind === 'func' && e.args.length === 1 && e.args[0].kind === 'column' && !e.over) return `${e.name}(${e.args[0].parts[e.args[0].parts.length - 1]})`;
  return undefined;
}

function isConstant(e: Expr): boolean {
  let hasCol = false;
  walkExpr(e, (x) => {
    if (x.kind === 'column' || x.kind === 'subquery' || x.kind === 'exists') hasCol = true;
  });
  return !hasCol;
}

/** The table a column belongs to, by qualifier; unqualified columns go to the only table. */
function ownerOf(e: Expr, aliases: Map<string, string>, single: string | undefined): string | undefined {
  const col = e.kind === 'column' ? e : e.kind === 'func' && e.args[0]?.kind === 'column' ? (e.args[0] as Col) : undefined;
  if (!col) return undefined;
  if (col.parts.length >= 2) return aliases.get(col.parts[col.parts.length - 2]);
  return single;
}

export function needsOf(q: Query, model: SchemaModel): Need[] {
  let items: FromItem[];
  let where: Expr | undefined;
  let order: Expr[] = [];
  let selected: Expr[] = [];
  let star = false;
  if (q.type === 'select') {
    items = q.from;
    where = q.where;
    order = q.orderBy.map((o) => o.expr);
    selected = q.items.map((i) => i.expr);
    star = q.items.some((i) => i.expr.kind === 'star');
  } else if (q.type === 'update') {
    items = [q.table, ...q.from];
    where = q.where;
  } else if (q.type === 'delete') {
    items = [q.table, ...q.using];
    where = q.where;
  } else return [];
  const tables = fromTables(items).filter((f): f is Extract<FromItem, { kind: 'table' }> => f.kind === 'table');
  const aliases = new Map<string, string>();
  for (const t of tables) {
    const key = tableKey({ schema: t.schema, name: t.name }, model.dialect);
    aliases.set(t.alias ?? t.name, key);
    aliases.set(t.name, key);
  }
  const single = tables.length === 1 ? tableKey({ schema: tables[0].schema, name: tables[0].name }, model.dialect) : undefined;
  const needs = new Map<string, Need>();
  const need = (t: string) => {
    let n = needs.get(t);
    if (!n) {
      n = { table: t, equality: [], referenced: [], star: star && (single === t || tables.length === 1) };
      needs.set(t, n);
    }
    return n;
  };
  const preds: Expr[] = [...conjuncts(where)];
  // join conditions: the joined side's column is an equality lookup (the inner side of a join)
  const joinPreds: Expr[] = [];
  const visitJoin = (f: FromItem) => {
    if (f.kind !== 'join') return;
    visitJoin(f.left);
    visitJoin(f.right);
    joinPreds.push(...conjuncts(f.on));
  };
  items.forEach(visitJoin);
  const used = new Set<Expr>();
  for (const p of preds) {
    if (p.kind === 'binary' && ['=', '<', '>', '<=', '>='].includes(p.op)) {
      let [colSide, other] = [p.left, p.right];
      if (!exprKey(colSide) || !isConstant(other)) [colSide, other] = [p.right, p.left];
      const key = exprKey(colSide);
      const owner = ownerOf(colSide, aliases, single);
      if (!key || !owner || !isConstant(other) || !model.tables.has(owner)) continue;
      const n = need(owner);
      if (p.op === '=') { if (!n.equality.includes(key)) n.equality.push(key); }
      else n.range = n.range ?? key;
      used.add(colSide);
    } else if (p.kind === 'in' && !p.not && p.list && exprKey(p.expr)) {
      const owner = ownerOf(p.expr, aliases, single);
      if (owner && model.tables.has(owner)) {
        const n = need(owner);
        if (!n.equality.includes(exprKey(p.expr)!)) n.equality.push(exprKey(p.expr)!);
        used.add(p.expr);
      }
    } else if (p.kind === 'is' && p.what === 'NULL' && exprKey(p.expr)) {
      const owner = ownerOf(p.expr, aliases, single);
      if (owner && model.tables.has(owner)) {
        const n = need(owner);
        if (!n.equality.includes(exprKey(p.expr)!)) n.equality.push(exprKey(p.expr)!);
        used.add(p.expr);
      }
    } else if ((p.kind === 'between' && !p.not) || (p.kind === 'like' && !p.not && p.op === 'LIKE' && p.pattern.kind === 'literal' && /^'[^%_]/.test(p.pattern.value))) {
      const owner = ownerOf(p.expr, aliases, single);
      const key = exprKey(p.expr);
      if (owner && key && model.tables.has(owner)) {
        const n = need(owner);
        n.range = n.range ?? key;
        used.add(p.expr);
      }
    }
  }
  for (const p of joinPreds) {
    if (p.kind !== 'binary' || p.op !== '=' || p.left.kind !== 'column' || p.right.kind !== 'column') continue;
    for (const [side, other] of [[p.left, p.right], [p.right, p.left]] as const) {
      const owner = ownerOf(side, aliases, single);
      const otherOwner = ownerOf(other, aliases, single);
      // the first FROM table drives the join; the others are looked up by their join column
      const first = tables[0] ? tableKey({ schema: tables[0].schema, name: tables[0].name }, model.dialect) : undefined;
      if (owner && owner !== first && otherOwner && otherOwner !== owner && model.tables.has(owner)) {
        const n = need(owner);
        const key = exprKey(side)!;
        if (!n.equality.includes(key)) n.equality.push(key);
        used.add(side);
      }
    }
  }
  // ORDER BY: one column, when every ORDER BY column is of one table and no range key was taken
  if (order.length > 0) {
    const owner = ownerOf(order[0], aliases, single);
    const key = exprKey(order[0]);
    if (owner && key && model.tables.has(owner)) {
      const n = need(owner);
      if (!n.range && !n.equality.includes(key)) n.range = key;
      used.add(order[0]);
    }
  }
  // every other column the query reads, per table, for INCLUDE
  const all: Expr[] = [...selected, ...preds, ...joinPreds, ...order];
  for (const e of all) {
    walkExpr(e, (x) => {
      if (x.kind !== 'column') return;
      const owner = ownerOf(x, aliases, single);
      if (!owner) return;
      const n = needs.get(owner);
      const name = x.parts[x.parts.length - 1];
      if (n && !n.referenced.includes(name)) n.referenced.push(name);
    });
  }
  return [...needs.values()].filter((n) => n.equality.length > 0 || n.range);
}

export interface Suggestion {
  table: string;
  columns: string[];
  include: string[];
  sql: string;
  queries: number[];
  redundant: string[];
  name: string;
  firstTok: Token;
}

export function keyOf(n: Need): string[] {
  return [...n.equality, ...(n.range && !n.equality.includes(n.range) ? [n.range] : [])];
}

/** An existing index serves the need: its leading columns are the equality keys in any order, then the range key. */
export function existingServing(model: SchemaModel, n: Need): string | undefined {
  const t = model.tables.get(n.table);
  if (!t) return undefined;
  const eq = new Set(n.equality);
  for (const i of indexesOf(model, t)) {
    if (i.partial) continue;
    const cols = i.columns.map((c) => c.replace(/\s+/g, ''));
    const lead = cols.slice(0, eq.size);
    if (lead.length !== eq.size || !lead.every((c) => eq.has(c))) continue;
    if (n.range && !eq.has(n.range) && cols[eq.size] !== n.range) continue;
    return i.name;
  }
  return undefined;
}

export function indexName(table: string, columns: string[]): string {
  const base = table.split('.').pop()!;
  return `${base}_${columns.map((c) => c.replace(/[^a-z0-9_]+/gi, '_').replace(/_+$/, '')).join('_')}_idx`;
}

export function render(tokens: Token[]): string {
  return renderTokens(tokens);
}
