import type { Token } from '../../shared/lexer';
import { allSelects, fromTables, walkExpr, walkQueryExprs, type Expr, type FromItem, type Query, type Select } from '../../shared/query';
import type { LintContext, RuleImpl } from './context';

const selectCache = new WeakMap<LintContext, { s: Select; q: Query }[]>();

/** Every select of every statement, with the statement's query (computed once per run). */
function selects(ctx: LintContext): { s: Select; q: Query }[] {
  const cached = selectCache.get(ctx);
  if (cached) return cached;
  const out: { s: Select; q: Query }[] = [];
  selectCache.set(ctx, out);
  for (const q of ctx.queries) if (q) for (const s of allSelects(q)) out.push({ s, q });
  return out;
}

function joins(items: FromItem[]): Extract<FromItem, { kind: 'join' }>[] {
  const out: Extract<FromItem, { kind: 'join' }>[] = [];
  const visit = (f: FromItem) => {
    if (f.kind !== 'join') return;
    visit(f.left);
    visit(f.right);
    out.push(f);
  };
  items.forEach(visit);
  return out;
}

function exprStart(e: Expr): Token {
  if (e.kind === 'binary') return exprStart(e.left);
  if (e.kind === 'cast') return e.fn ? e.tok : exprStart(e.expr);
  if (e.kind === 'in' || e.kind === 'between' || e.kind === 'is' || e.kind === 'like') return exprStart(e.expr);
  return e.tok;
}

// a column, or a column with a `::` cast; CAST(...) counts as a function call (sqlfluff)
const isSimple = (e: Expr) => e.kind === 'column' || (e.kind === 'cast' && !e.fn && e.expr.kind === 'column');

export const aliasingRules: RuleImpl[] = [
  {
    id: 'AL01',
    name: 'aliasing.table',
    summary: 'Implicit aliasing of table (use AS)',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        for (const f of fromTables(s.from)) {
          if (f.kind !== 'join' && f.alias && !f.explicitAs && f.aliasTok) ctx.report('AL01', f.aliasTok, `Implicit aliasing of table: ${f.alias}`, `Write AS ${f.alias}`);
        }
      }
    },
  },
  {
    id: 'AL02',
    name: 'aliasing.column',
    summary: 'Implicit aliasing of columns (use AS)',
    check(ctx) {
      for (const { s } of selects(ctx)) for (const i of s.items) if (i.alias && !i.explicitAs && i.aliasTok) ctx.report('AL02', i.aliasTok, `Implicit aliasing of column: ${i.alias}`, `Write AS ${i.alias}`);
    },
  },
  {
    id: 'AL03',
    name: 'aliasing.expression',
    summary: 'Column expression without alias',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (s.items.length <= 1) continue; // allow_scalar
        for (const i of s.items) {
          if (i.alias || i.expr.kind === 'star' || isSimple(i.expr)) continue;
          ctx.report('AL03', exprStart(i.expr), 'Column expression without alias. Use explicit `AS` clause.', 'Name the expression with AS');
        }
      }
    },
  },
  {
    id: 'AL04',
    name: 'aliasing.unique.table',
    summary: 'Table aliases should be unique within each clause',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        const seen = new Set<string>();
        for (const f of fromTables(s.from)) {
          if (f.kind === 'join') continue;
          const name = f.alias ?? (f.kind === 'table' ? f.name : undefined);
          if (!name) continue;
          if (seen.has(name)) ctx.report('AL04', f.aliasTok ?? f.tok, `Duplicate table alias ${name}`, 'Give each table reference its own alias');
          seen.add(name);
        }
      }
    },
  },
  {
    id: 'AL05',
    name: 'aliasing.unused',
    summary: 'Tables should not be aliased if that alias is not used',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        const used = new Set<string>();
        const mark = (e: Expr) => {
          if (e.kind === 'column' && e.parts.length >= 2) used.add(e.parts[e.parts.length - 2]);
          if (e.kind === 'star' && e.qualifier) used.add(e.qualifier.split('.').pop()!);
        };
        const pseudo = { ...s, ctes: [], setOp: undefined } as Select;
        walkQueryExprs(pseudo, mark);
        for (const f of fromTables(s.from)) {
          if (f.kind === 'table' && f.alias && f.aliasTok && !used.has(f.alias)) {
            ctx.report('AL05', f.aliasTok, `Alias ${f.alias} of table ${f.name} is never used`, `Drop the alias or qualify columns with ${f.alias}`);
          }
        }
      }
    },
  },
  {
    id: 'AL08',
    name: 'aliasing.unique.column',
    summary: 'Column aliases should be unique within each clause',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        const seen = new Set<string>();
        for (const i of s.items) {
          const name = i.alias ?? (i.expr.kind === 'column' ? i.expr.parts[i.expr.parts.length - 1] : undefined);
          if (!name) continue;
          const key = name.toLowerCase();
          if (seen.has(key)) ctx.report('AL08', i.aliasTok ?? i.expr.tok, `Reuse of column alias ${name}`, 'Give each output column a distinct name');
          seen.add(key);
        }
      }
    },
  },
  {
    id: 'AL09',
    name: 'aliasing.self_alias.column',
    summary: 'Column aliased to its own name',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        for (const i of s.items) {
          if (i.alias && i.aliasTok && i.expr.kind === 'column' && i.expr.parts[i.expr.parts.length - 1] === i.alias) ctx.report('AL09', i.aliasTok, `Column ${i.alias} is aliased to itself`, 'Remove the alias');
        }
      }
    },
  },
];

export const ambiguityRules: RuleImpl[] = [
  {
    id: 'AM01',
    name: 'ambiguous.distinct',
    summary: 'Ambiguous use of DISTINCT in a SELECT statement with GROUP BY',
    check(ctx) {
      for (const { s } of selects(ctx)) if (s.distinct && s.groupBy.length > 0) ctx.report('AM01', s.distinctTok ?? s.tok, 'DISTINCT used with GROUP BY', 'Remove DISTINCT: GROUP BY already makes rows distinct');
    },
  },
  {
    id: 'AM02',
    name: 'ambiguous.union',
    summary: 'UNION without DISTINCT or ALL',
    check(ctx) {
      for (const { s } of selects(ctx)) if (s.setOp && s.setOp.op === 'UNION' && ctx.tokens[ctx.indexOf(s.setOp.tok) + 2]?.value !== 'DISTINCT') ctx.report('AM02', s.setOp.tok, 'UNION without DISTINCT or ALL', 'Write UNION ALL or UNION DISTINCT');
    },
  },
  {
    id: 'AM03',
    name: 'ambiguous.order_by',
    summary: 'Ambiguous ordering directions for columns in ORDER BY',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        const explicit = s.orderBy.filter((o) => o.explicitDir).length;
        if (explicit > 0 && explicit < s.orderBy.length) ctx.report('AM03', orderByTok(ctx, s) ?? s.tok, 'Ambiguous order by clause: specify ASC/DESC for all columns or none', 'Add ASC to the columns without a direction');
      }
    },
  },
  {
    id: 'AM04',
    name: 'ambiguous.column_count',
    summary: 'Query produces an unknown number of result columns',
    check(ctx) {
      for (const q of ctx.queries) {
        if (!q || q.type !== 'select') continue;
        for (const i of q.items) if (i.expr.kind === 'star') ctx.report('AM04', q.tok, 'Query produces an unknown number of result columns (wildcard)', 'List the columns explicitly');
      }
    },
  },
  {
    id: 'AM05',
    name: 'ambiguous.join',
    summary: 'Join clauses should be fully qualified',
    check(ctx) {
      for (const { s } of selects(ctx)) for (const j of joins(s.from)) if (j.joinType === '' && !j.natural) ctx.report('AM05', j.tok, 'Join clauses should be fully qualified: write INNER JOIN', 'Write INNER JOIN');
    },
  },
  {
    id: 'AM06',
    name: 'ambiguous.column_references',
    summary: 'Inconsistent column references in GROUP BY/ORDER BY clauses',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        let ref: 'explicit' | 'implicit' | undefined;
        // sqlfluff crawls bottom-up: ORDER BY sets the style, a GROUP BY that differs is reported
        const clauses: [Token | undefined, Expr[]][] = [
          [orderByTok(ctx, s), s.orderBy.map((o) => o.expr)],
          [groupByTok(ctx, s), s.groupBy],
        ];
        // a clause that mixes styles is reported; otherwise the first clause sets the style
        for (const [tok, exprs] of clauses) {
          const kinds = new Set(exprs.map((e) => (e.kind === 'literal' && e.lit === 'number' ? 'implicit' : e.kind === 'column' ? 'explicit' : undefined)).filter((k) => k !== undefined));
          if (kinds.size === 0 || !tok) continue;
          if (kinds.size > 1 || (ref && !kinds.has(ref))) {
            ctx.report('AM06', tok, "Inconsistent column references in 'GROUP BY/ORDER BY' clauses", ref === 'implicit' ? 'Refer to columns by position' : 'Refer to columns by name');
          } else if (!ref) ref = [...kinds][0] as 'explicit' | 'implicit';
        }
      }
    },
  },
  {
    id: 'AM07',
    name: 'ambiguous.set_columns',
    summary: 'Queries within set operators produce different numbers of columns',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (!s.setOp || s.setOp.right.type !== 'select') continue;
        const r = s.setOp.right;
        if (s.items.some((i) => i.expr.kind === 'star') || r.items.some((i) => i.expr.kind === 'star')) continue;
        if (s.items.length !== r.items.length) ctx.report('AM07', selectKeyword(ctx, s) ?? s.tok, `Set operation combines ${s.items.length} columns with ${r.items.length}`, 'Select the same number of columns on both sides');
      }
    },
  },
];

/** The ORDER/GROUP keyword that starts a clause, found backwards from the clause's first expression. */
function keywordBefore(ctx: LintContext, word: string, e: Expr | undefined): Token | undefined {
  if (!e) return undefined;
  const first = exprStart(e);
  let k = ctx.indexOf(first);
  while (--k >= 0) {
    const t = ctx.tokens[k];
    if (t.type === 'word' && t.value === word) return t;
  }
  return undefined;
}
function orderByTok(ctx: LintContext, s: Select): Token | undefined {
  return keywordBefore(ctx, 'ORDER', s.orderBy[0]?.expr);
}
function groupByTok(ctx: LintContext, s: Select): Token | undefined {
  return keywordBefore(ctx, 'GROUP', s.groupBy[0]);
}

/** The SELECT keyword of a select (after WITH … or an opening bracket). */
function selectKeyword(ctx: LintContext, s: Select): Token | undefined {
  for (let k = ctx.indexOf(s.tok); k >= 0 && k < ctx.tokens.length; k++) if (ctx.tokens[k].type === 'word' && ctx.tokens[k].value === 'SELECT') return ctx.tokens[k];
  return undefined;
}

/** Start of the expression a `::` casts: a name (qualified), a literal or a bracketed group. */
function castStart(toks: Token[], k: number): Token {
  let p = k - 1;
  while (p >= 0 && (toks[p].type === 'ws' || toks[p].type === 'newline')) p--;
  if (toks[p]?.text === ')') {
    let depth = 0;
    for (; p >= 0; p--) {
      if (toks[p].text === ')') depth++;
      if (toks[p].text === '(' && --depth === 0) break;
    }
    if (toks[p - 1]?.type === 'word') p--;
    return toks[p];
  }
  while (p >= 2 && toks[p - 1]?.text === '.') p -= 2;
  return toks[p] ?? toks[k];
}

function usingTok(ctx: LintContext, after: Token): Token | undefined {
  for (let k = ctx.indexOf(after); k < ctx.tokens.length; k++) if (ctx.tokens[k].type === 'word' && ctx.tokens[k].value === 'USING') return ctx.tokens[k];
  return undefined;
}

function allExprs(ctx: LintContext, fn: (e: Expr) => void): void {
  for (const q of ctx.queries) if (q) walkQueryExprs(q, fn);
}

export const conventionRules: RuleImpl[] = [
  {
    id: 'CV01',
    name: 'convention.not_equal',
    summary: 'Consistent not-equal operator (!= or <>)',
    check(ctx) {
      let ref: string | undefined;
      for (const t of ctx.tokens) {
        if (t.type !== 'op' || (t.text !== '!=' && t.text !== '<>')) continue;
        if (!ref) ref = t.text;
        else if (t.text !== ref) ctx.report('CV01', t, `Use '${ref}' instead of '${t.text}' for "not equal to" comparisons`, `Write ${ref}`);
      }
    },
  },
  {
    id: 'CV02',
    name: 'convention.coalesce',
    summary: 'Use COALESCE instead of IFNULL or NVL',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind === 'func' && (e.name === 'ifnull' || e.name === 'nvl')) ctx.report('CV02', e.tok, `Use 'COALESCE' instead of '${e.tok.text}'`, 'Write COALESCE(...)');
      });
    },
  },
  {
    id: 'CV03',
    name: 'convention.select_trailing_comma',
    summary: 'Trailing comma in the select clause',
    check(ctx) {
      for (const st of ctx.statements) {
        const t = st.tokens;
        for (let k = 1; k < t.length; k++) if (t[k].value === 'FROM' && t[k - 1].text === ',') ctx.report('CV03', t[k - 1], 'Trailing comma in select statement forbidden', 'Remove the comma before FROM');
      }
    },
  },
  {
    id: 'CV04',
    name: 'convention.count_rows',
    summary: 'Use consistent syntax to count rows: COUNT(*)',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind === 'func' && e.name === 'count' && e.args.length === 1 && e.args[0].kind === 'literal' && (e.args[0].value === '1' || e.args[0].value === '0')) {
          ctx.report('CV04', e.tok, `Use COUNT(*) instead of COUNT(${e.args[0].value}) to count rows`, 'Write COUNT(*)');
        }
      });
    },
  },
  {
    id: 'CV05',
    name: 'convention.is_null',
    summary: 'Comparisons with NULL should use IS or IS NOT',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind === 'binary' && ['=', '!=', '<>'].includes(e.op) && (e.right.kind === 'literal' && e.right.lit === 'null')) ctx.report('CV05', e.tok, `Comparison with NULL using '${e.op}' is never true: use IS ${e.op === '=' ? '' : 'NOT '}NULL`, `Write IS ${e.op === '=' ? '' : 'NOT '}NULL`);
      });
    },
  },
  {
    id: 'CV06',
    name: 'convention.terminator',
    summary: 'Statements must end with a semicolon, without whitespace before it',
    check(ctx) {
      const toks = ctx.tokens;
      for (let k = 1; k < toks.length; k++) {
        if (toks[k].text !== ';' || toks[k].type !== 'punct') continue;
        if (toks[k - 1].type === 'ws' || toks[k - 1].type === 'newline') ctx.report('CV06', toks[k - 1], 'Statement terminator should directly follow the statement', 'Remove the whitespace before ";"');
      }
    },
  },
  {
    id: 'CV07',
    name: 'convention.statement_brackets',
    summary: 'Top-level statements should not be wrapped in brackets',
    check(ctx) {
      for (const st of ctx.statements) {
        const t = st.tokens;
        if (t[0]?.text === '(' && t[t.length - 1]?.text === ')') ctx.report('CV07', t[0], 'Top-level statement wrapped in brackets', 'Remove the outer brackets');
      }
    },
  },
  {
    id: 'CV08',
    name: 'convention.left_join',
    summary: 'Use LEFT JOIN instead of RIGHT JOIN',
    check(ctx) {
      for (const { s } of selects(ctx)) for (const j of joins(s.from)) if (j.joinType === 'RIGHT') ctx.report('CV08', j.tok, 'Use LEFT JOIN instead of RIGHT JOIN', 'Swap the tables and write LEFT JOIN');
    },
  },
  {
    id: 'CV10',
    name: 'convention.quoted_literals',
    summary: 'Consistent usage of preferred quotes for quoted literals (dialects where both quote strings: MySQL)',
    check(ctx) {
      if (ctx.dialect !== 'mysql') return;
      let ref: string | undefined;
      for (const t of ctx.tokens) {
        if (t.type !== 'string' || !(t.text.startsWith("'") || t.text.startsWith('"'))) continue;
        const q = t.text[0];
        if (!ref) ref = q;
        else if (q !== ref) ctx.report('CV10', t, `Inconsistent quoted literal: ${t.text} uses ${q === '"' ? 'double' : 'single'} quotes after ${ref === '"' ? 'double' : 'single'}-quoted literals`, `Write it with ${ref === '"' ? 'double' : 'single'} quotes`);
      }
    },
  },
  {
    id: 'CV11',
    name: 'convention.casting_style',
    summary: 'Consistent casting style (:: or CAST)',
    check(ctx) {
      let ref: 'shorthand' | 'cast' | undefined;
      const toks = ctx.tokens;
      for (let k = 0; k < toks.length; k++) {
        const t = toks[k];
        const style = t.type === 'op' && t.text === '::' ? 'shorthand' : t.type === 'word' && (t.value === 'CAST' || t.value === 'CONVERT') && toks[k + 1]?.text === '(' ? 'cast' : undefined;
        if (!style) continue;
        if (!ref) ref = style;
        else if (style !== ref) ctx.report('CV11', style === 'shorthand' ? castStart(toks, k) : t, `Used ${style === 'cast' ? 'CAST(...)' : '::'} after ${ref === 'cast' ? 'CAST(...)' : '::'}: use one casting style`, ref === 'cast' ? 'Write CAST(x AS type)' : 'Write x::type');
      }
    },
  },
];

export const structureLayoutRules: RuleImpl[] = [
  {
    id: 'LT07',
    name: 'layout.cte_bracket',
    summary: "WITH clause closing bracket should be on a new line",
    check(ctx) {
      for (const q of ctx.queries) {
        for (const c of q?.ctes ?? []) {
          const open = ctx.tokens[ctx.indexOf(c.closeTok)];
          const openParen = ctx.tokens.slice(Math.max(0, ctx.indexOf(c.query.tok) - 20), ctx.indexOf(c.query.tok)).reverse().find((t) => t.text === '(');
          if (!openParen || openParen.line === c.closeTok.line) continue;
          const before = ctx.tokens[ctx.indexOf(open) - 1];
          if (before && before.type !== 'newline' && !(before.type === 'ws' && ctx.tokens[ctx.indexOf(open) - 2]?.type === 'newline')) {
            ctx.report('LT07', c.closeTok, `Closing bracket of CTE ${c.name} should be on its own line`, 'Put ")" on a new line');
          }
        }
      }
    },
  },
  {
    id: 'LT08',
    name: 'layout.cte_newline',
    summary: 'Blank line expected after a CTE',
    check(ctx) {
      for (const q of ctx.queries) {
        for (const c of q?.ctes ?? []) {
          let k = ctx.indexOf(c.closeTok) + 1;
          let newlines = 0;
          while (k < ctx.tokens.length && (ctx.tokens[k].type === 'ws' || ctx.tokens[k].type === 'newline' || ctx.tokens[k].text === ',')) {
            if (ctx.tokens[k].type === 'newline') newlines++;
            k++;
          }
          if (newlines < 2) ctx.report('LT08', newlines === 1 ? { line: c.closeTok.line + 1, col: 1 } : c.closeTok, `Blank line expected but not found after CTE ${c.name}`, 'Add an empty line after the closing bracket');
        }
      }
    },
  },
  {
    id: 'LT09',
    name: 'layout.select_targets',
    summary: 'Select targets should be on a new line unless there is only one select target',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (s.items.length === 0) continue;
        const selTok = selectKeyword(ctx, s) ?? s.tok;
        if (s.items.length === 1) {
          const first = exprStart(s.items[0].expr);
          const fromTok = s.from[0]?.tok;
          if (first.line !== selTok.line && (!fromTok || fromTok.line !== first.line)) ctx.report('LT09', selTok, 'Select targets should be on a new line unless there is only one select target', 'Put the single target on the SELECT line');
          continue;
        }
        let prevLine = selTok.line;
        let bad = false;
        for (const i of s.items) {
          const start = exprStart(i.expr);
          if (start.line === prevLine) bad = true;
          prevLine = (i.aliasTok ?? start).line;
        }
        if (bad) ctx.report('LT09', selTok, 'Select targets should be on a new line unless there is only one select target', 'Put each select target on its own line');
      }
    },
  },
  {
    id: 'LT10',
    name: 'layout.select_modifiers',
    summary: 'SELECT modifiers (DISTINCT) must be on the same line as SELECT',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (!s.distinctTok) continue;
        const sel = ctx.tokens[ctx.indexOf(s.distinctTok) - 1];
        const selTok = ctx.tokens[ctx.indexOf(s.distinctTok) - 1]?.type === 'word' ? ctx.tokens[ctx.indexOf(s.distinctTok) - 1] : [...ctx.tokens.slice(Math.max(0, ctx.indexOf(s.distinctTok) - 50), ctx.indexOf(s.distinctTok))].reverse().find((t) => t.value === 'SELECT');
        if (selTok && selTok.line !== s.distinctTok.line && sel) ctx.report('LT10', selTok, 'SELECT modifiers (e.g. DISTINCT) must be on the same line as SELECT', 'Write SELECT DISTINCT on one line');
      }
    },
  },
  {
    id: 'LT11',
    name: 'layout.set_operators',
    summary: 'Set operators should be surrounded by newlines',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (!s.setOp) continue;
        const i = ctx.indexOf(s.setOp.tok);
        let p = i - 1;
        while (p >= 0 && ctx.tokens[p].type === 'ws') p--;
        let n = i + 1;
        while (n < ctx.tokens.length && (ctx.tokens[n].type === 'ws' || (ctx.tokens[n].type === 'word' && ['ALL', 'DISTINCT'].includes(ctx.tokens[n].value)))) n++;
        if (ctx.tokens[p]?.type !== 'newline' || ctx.tokens[n]?.type !== 'newline') ctx.report('LT11', s.setOp.tok, `Set operator ${s.setOp.op} should be surrounded by newlines`, 'Put the set operator on its own line');
      }
    },
  },
];

export const structureRules: RuleImpl[] = [
  {
    id: 'ST01',
    name: 'structure.else_null',
    summary: 'Do not specify ELSE NULL in a CASE WHEN statement (redundant)',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind === 'case' && e.else?.kind === 'literal' && e.else.lit === 'null') ctx.report('ST01', e.tok, 'ELSE NULL is redundant in a CASE expression', 'Remove ELSE NULL');
      });
    },
  },
  {
    id: 'ST02',
    name: 'structure.simple_case',
    summary: 'Unnecessary CASE statement',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind !== 'case' || e.operand || e.whens.length !== 1) return;
        const then = e.whens[0].then;
        const els = e.else;
        const bool = (x: Expr | undefined, v: string) => x?.kind === 'literal' && x.lit === 'bool' && x.value === v;
        if ((bool(then, 'TRUE') && bool(els, 'FALSE')) || (bool(then, 'FALSE') && bool(els, 'TRUE'))) {
          ctx.report('ST02', exprStart(e.whens[0].when), 'Unnecessary CASE statement: the condition is already a boolean', bool(then, 'TRUE') ? 'Use the condition itself' : 'Use NOT (condition)');
        }
        const w = e.whens[0].when;
        if (w.kind === 'is' && w.what === 'NULL' && !w.not && w.expr.kind === 'column' && els?.kind === 'column' && els.parts.join('.') === w.expr.parts.join('.')) {
          ctx.report('ST02', exprStart(w), 'Unnecessary CASE statement: use COALESCE', `Write COALESCE(${w.expr.parts.join('.')}, …)`);
        }
      });
    },
  },
  {
    id: 'ST03',
    name: 'structure.unused_cte',
    summary: 'Query defines a CTE but does not use it',
    check(ctx) {
      for (const [k, q] of ctx.queries.entries()) {
        if (!q) continue;
        for (const c of q.ctes) {
          const stmt = ctx.statements[k];
          const used = stmt.tokens.some((t) => t !== c.tok && (t.type === 'word' || t.type === 'qident') && t.text.replace(/"/g, '').toLowerCase() === c.name.toLowerCase() && t.start > c.tok.start);
          if (!used) ctx.report('ST03', c.tok, `Query defines CTE ${c.name} but does not use it`, `Remove the CTE ${c.name}`);
        }
      }
    },
  },
  {
    id: 'ST04',
    name: 'structure.nested_case',
    summary: 'Nested CASE statement in ELSE clause could be flattened',
    check(ctx) {
      allExprs(ctx, (e) => {
        if (e.kind === 'case' && e.else?.kind === 'case' && !e.operand && !e.else.operand) ctx.report('ST04', e.tok, 'Nested CASE statement in ELSE clause could be flattened', 'Move the inner WHEN branches into the outer CASE');
      });
    },
  },
  {
    id: 'ST05',
    name: 'structure.subquery',
    summary: 'Join/From clauses should not contain subqueries; use CTEs instead',
    check(ctx) {
      for (const { s } of selects(ctx)) for (const j of joins(s.from)) if (j.right.kind === 'subquery' && !j.right.lateral) ctx.report('ST05', j.right.tok, `Join clause contains a subquery${j.right.alias ? ` (${j.right.alias})` : ''}: use a CTE`, 'Move the subquery into a WITH clause');
    },
  },
  {
    id: 'ST06',
    name: 'structure.column_order',
    summary: 'Select wildcards then simple targets before calculations and aggregates',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (s.setOp) continue;
        const band = (e: Expr) => (e.kind === 'star' ? 0 : isSimple(e) ? 1 : 2);
        let max = 0;
        for (const i of s.items) {
          const b = band(i.expr);
          if (b < max) {
            const selTok = selectKeyword(ctx, s) ?? s.tok;
            ctx.report('ST06', selTok, 'Select wildcards then simple targets before calculations and aggregates', 'Reorder the select targets');
            break;
          }
          max = Math.max(max, b);
        }
      }
    },
  },
  {
    id: 'ST07',
    name: 'structure.using',
    summary: 'Prefer specifying join keys instead of using USING',
    check(ctx) {
      for (const { s } of selects(ctx)) for (const j of joins(s.from)) if (j.using) ctx.report('ST07', usingTok(ctx, j.right.tok) ?? j.tok, `Found USING (${j.using.join(', ')}) in a join: specify the join keys with ON`, 'Write ON a.col = b.col');
    },
  },
  {
    id: 'ST08',
    name: 'structure.distinct',
    summary: 'DISTINCT used with parentheses',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        if (s.distinctTok && s.items.length === 1 && s.items[0].expr.kind === 'paren') ctx.report('ST08', s.items[0].expr.tok, 'DISTINCT is not a function: remove the parentheses', 'Write SELECT DISTINCT col');
      }
    },
  },
  {
    id: 'ST09',
    name: 'structure.join_condition_order',
    summary: 'Joins should list the table referenced earlier first',
    check(ctx) {
      for (const { s } of selects(ctx)) {
        const order = fromTables(s.from).map((f) => (f.kind !== 'join' ? (f.alias ?? (f.kind === 'table' ? f.name : '')) : ''));
        for (const j of joins(s.from)) {
          walkExpr(j.on, (e) => {
            if (e.kind !== 'binary' || e.op !== '=' || e.left.kind !== 'column' || e.right.kind !== 'column') return;
            const l = e.left.parts.length > 1 ? order.indexOf(e.left.parts[e.left.parts.length - 2]) : -1;
            const r = e.right.parts.length > 1 ? order.indexOf(e.right.parts[e.right.parts.length - 2]) : -1;
            if (l >= 0 && r >= 0 && l > r) ctx.report('ST09', e.left.tok, `Joins should list the table referenced earlier first: ${e.right.parts.join('.')} = ${e.left.parts.join('.')}`, 'Swap the sides of the join condition');
          });
        }
      }
    },
  },
];
