import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { dialectOf, dialectOption } from '../shared/options';
import { parseQuery, type Query } from '../shared/query';
import { parseSql } from '../shared/statements';
import type { LintContext } from './rules/context';
import { lintSqlRules, ruleImpls, severityOf } from './lint-sql.rules';

export const lintSqlTool = defineTool({
  name: 'db_lint_sql',
  title: 'Lint SQL',
  description:
    "Lints SQL with sqlfluff's rule codes and default configuration (consistent capitalisation, explicit aliasing, max line length 80, trailing commas, ...): aliasing AL, ambiguity AM, capitalisation CP, convention CV, layout LT and structure ST rules, each at the line and column sqlfluff reports.",
  input: z
    .object({
      content: contentArg('SQL to lint (one or more statements)'),
      options: analyzerOptions({
        dialect: dialectOption,
        maxLineLength: z.number().int().positive().optional().describe('LT05 line length limit (sqlfluff max_line_length, default 80)'),
        rules: z.array(z.string()).optional().describe('Only run these rule codes (sqlfluff --rules), e.g. ["CP01", "LT01"]'),
      }),
    })
    .strict(),
  rules: lintSqlRules,
  run(args) {
    const dialect = dialectOf(args.options);
    const parsed = parseSql(args.content, dialect);
    const queries: (Query | undefined)[] = parsed.statements.map((s) => parseQuery(s.tokens));
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const positions = new Map(parsed.tokens.map((t, k) => [t, k]));
    const ctx: LintContext = {
      indexOf: (tok) => positions.get(tok) ?? -1,
      text: args.content,
      dialect,
      tokens: parsed.tokens,
      statements: parsed.statements,
      queries,
      maxLineLength: args.options?.maxLineLength ?? 80,
      report(ruleId, tok, message, fix) {
        const key = `${ruleId}:${tok.line}:${tok.col}:${message}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({ ruleId, severity: severityOf(ruleId), message, location: { line: tok.line, column: tok.col }, fix, docs: `https://docs.sqlfluff.com/en/stable/reference/rules.html#rule-${ruleId}` });
      },
    };
    const only = args.options?.rules ? new Set(args.options.rules) : undefined;
    for (const r of ruleImpls) if (!only || only.has(r.id)) r.check(ctx);
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    return {
      findings,
      metrics: { statementCount: parsed.statements.length, rules: [...byRule].sort().map(([name, count]) => ({ name, count })) },
    };
  },
  render(env) {
    const rows = ((env.metrics?.rules ?? []) as { name: string; count: number }[]).map((r) => [r.name, r.count]);
    return [table(['rule', 'findings'], rows)];
  },
});
