import type { RuleDoc } from '@mcp/core-protocol';
import type { RuleImpl } from './rules/context';
import { capitalisationRules, layoutRules } from './rules/layout.rules';
import { aliasingRules, ambiguityRules, conventionRules, structureLayoutRules, structureRules } from './rules/structure.rules';

/** Implemented sqlfluff rules, in code order. */
export const ruleImpls: RuleImpl[] = [...aliasingRules, ...ambiguityRules, ...capitalisationRules, ...conventionRules, ...layoutRules, ...structureLayoutRules, ...structureRules].sort((a, b) =>
  a.id < b.id ? -1 : 1,
);

/** sqlfluff reports every rule at one level; layout and capitalisation are style, the rest warnings. */
export function severityOf(id: string): 'warning' | 'info' {
  return /^(LT|CP)/.test(id) ? 'info' : 'warning';
}

export const lintSqlRules: RuleDoc[] = ruleImpls.map((r) => ({
  id: r.id,
  severity: severityOf(r.id),
  summary: r.summary,
  docs: `https://docs.sqlfluff.com/en/stable/reference/rules.html#rule-${r.id}`,
}));
