import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { ParseError, table, type Finding } from '@mcp/core-response';
import { dialectOf, dialectOption } from '../shared/options';
import { parseQuery } from '../shared/query';
import { isQueryLog, stripLogPrefixes } from '../shared/query-log';
import { buildSchema, indexesOf } from '../shared/schema-model';
import { parseSql } from '../shared/statements';
import { existingServing, indexName, keyOf, needsOf, type Suggestion } from './index-advisor';

export const suggestIndexRules: RuleDoc[] = [
  { id: 'missing-index', severity: 'info', summary: 'No existing index serves the equality, range and ORDER BY columns of one or more queries' },
];

export const suggestIndexesTool = defineTool({
  name: 'db_suggest_indexes',
  title: 'Suggest indexes',
  description:
    "Suggests composite indexes for queries against a schema, the way Dexter and pg_qualstats reason: equality columns first (in the query's order), then one range or ORDER BY column, INCLUDE columns for index-only scans and expression indexes for lower(col) = …; existing indexes that already serve a query mean no suggestion, and existing indexes a suggestion makes redundant are listed.",
  input: z
    .object({
      schema: z.string().describe('DDL of the tables and their existing indexes'),
      queries: z.string().describe('SQL statements, or a slow-query log'),
      options: analyzerOptions({ dialect: dialectOption }),
    })
    .strict(),
  rules: suggestIndexRules,
  run(args) {
    const dialect = dialectOf(args.options);
    const model = buildSchema(args.schema, dialect, 'schema');
    let parsed;
    try {
      parsed = parseSql(isQueryLog(args.queries) ? stripLogPrefixes(args.queries) : args.queries, dialect);
    } catch (e) {
      throw e instanceof ParseError ? e.in('queries') : e;
    }
    const suggestions = new Map<string, Suggestion>();
    const perQuery: { index: number; sql: string; usesIndex: string | null }[] = [];
    let qi = 0;
    for (const stmt of parsed.statements) {
      let query;
      try {
        query = parseQuery(stmt.tokens);
      } catch (e) {
        throw e instanceof ParseError ? e.in('queries') : e;
      }
      if (!query) continue;
      const index = qi++;
      const needs = needsOf(query, model);
      let uses: string | null = null;
      for (const n of needs) {
        const existing = existingServing(model, n);
        if (existing) {
          uses = uses ?? existing;
          continue;
        }
        const columns = keyOf(n);
        const include = !n.star ? n.referenced.filter((c) => !columns.includes(c)) : [];
        const t = model.tables.get(n.table)!;
        // INCLUDE only when it enables an index-only scan: every referenced column is covered
        const coverable = !n.star && include.every((c) => t.columns.some((x) => x.name === c));
        const inc = coverable && include.length > 0 && include.length <= 4 ? include : [];
        // equality columns in any order serve alike: one suggestion per set, named by its first query
        const key = `${n.table}|${[...n.equality].sort().join(',')}|${columns.slice(n.equality.length).join(',')}|${[...inc].sort().join(',')}`;
        const name = indexName(n.table, columns);
        let s = suggestions.get(key);
        if (!s) {
          const redundant = indexesOf(model, t)
            .filter((i) => i.kind === 'index' && !i.unique && !i.partial && i.columns.length < columns.length && i.columns.every((c, k) => c === columns[k]))
            .map((i) => i.name);
          const cols = columns.map((c) => (c.includes('(') ? `(${c})` : c)).join(', ');
          s = {
            table: n.table,
            columns,
            include: inc,
            sql: `CREATE INDEX ${name} ON ${n.table} (${cols})${inc.length ? ` INCLUDE (${inc.join(', ')})` : ''}`,
            queries: [],
            redundant,
            name,
            firstTok: stmt.tokens[0],
          };
          suggestions.set(key, s);
        }
        s.queries.push(index);
        uses = uses ?? s.name;
      }
      perQuery.push({ index, sql: stmt.text.replace(/\s+/g, ' '), usesIndex: uses });
    }
    const list = [...suggestions.values()];
    const findings: Finding[] = list.map((s) => ({
      ruleId: 'missing-index',
      severity: 'info',
      message: `No index on ${s.table} serves (${s.columns.join(', ')}) for ${s.queries.length === 1 ? `query ${s.queries[0]}` : `queries ${s.queries.join(', ')}`}${s.redundant.length ? `; it would make ${s.redundant.join(', ')} redundant` : ''}`,
      location: { path: 'queries', line: s.firstTok.line, column: s.firstTok.col },
      fix: `${s.sql};${s.redundant.length ? ` then DROP INDEX ${s.redundant.join(', ')};` : ''}`,
      sql: s.sql,
    }));
    return {
      findings,
      artifacts: {
        indexes: list.map(({ table: t, columns, include, sql, queries, redundant }) => ({ table: t, columns, include, sql, queries, redundant })),
        queries: perQuery,
      },
    };
  },
  render(env) {
    const idx = (env.artifacts?.indexes ?? []) as { sql: string; queries: number[]; redundant: string[] }[];
    const qs = (env.artifacts?.queries ?? []) as { index: number; sql: string; usesIndex: string | null }[];
    return [
      table(['suggested index', 'queries', 'makes redundant'], idx.map((i) => [i.sql, i.queries.join(', '), i.redundant.join(', ')])),
      table(['query', 'uses index', 'sql'], qs.map((q) => [q.index, q.usesIndex ?? '—', q.sql.length > 80 ? `${q.sql.slice(0, 77)}...` : q.sql])),
    ];
  },
});
