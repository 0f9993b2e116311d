import type { Finding } from '@mcp/core-response';
import type { Dialect, Token } from '../../shared/lexer';
import type { Query } from '../../shared/query';
import type { Statement } from '../../shared/statements';

/** What every rule sees: the tokens of the file, its statements and their parse trees. */
export interface LintContext {
  text: string;
  dialect: Dialect;
  tokens: Token[];
  statements: Statement[];
  queries: (Query | undefined)[];
  maxLineLength: number;
  /** Position of a token in `tokens` (a map lookup: rules must not scan the file per finding). */
  indexOf(tok: Token): number;
  report(ruleId: string, tok: { line: number; col: number }, message: string, fix?: string): void;
}

export interface RuleImpl {
  id: string;
  name: string;
  summary: string;
  check(ctx: LintContext): void;
}

export type Report = Finding;
