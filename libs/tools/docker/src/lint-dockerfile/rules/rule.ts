import type { Finding, Severity } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { shellOf, type Dockerfile, type Instruction } from '../../shared/dockerfile/parse-dockerfile';
import type { ParsedShell } from '../../shared/dockerfile/shell';

export interface LintOptions {
  trustedRegistries?: string[];
}

export interface LintContext {
  df: Dockerfile;
  options: LintOptions;
  report(rule: DlRule, at: Instruction, message: string, fix: string): void;
}

/** One hadolint rule: its documentation and a check over the whole parsed Dockerfile. */
export interface DlRule extends RuleDoc {
  check(ctx: LintContext): void;
}

export const HADOLINT_WIKI = 'https://github.com/hadolint/hadolint/wiki/';

export function dl(id: string, severity: Severity, summary: string, check: (ctx: LintContext, rule: DlRule) => void): DlRule {
  const rule: DlRule = { id, severity, summary, docs: HADOLINT_WIKI + id, check: (ctx) => check(ctx, rule) };
  return rule;
}

export interface RunEntry {
  /** The RUN (or the RUN inside an ONBUILD). */
  ins: Instruction;
  /** Where findings go: the RUN itself, or its ONBUILD line. */
  at: Instruction;
  shell: ParsedShell;
}

const runCache = new WeakMap<Dockerfile, { all: RunEntry[]; plain: RunEntry[] }>();

/**
 * The RUN instructions a shell rule sees, with their parsed script, computed once per
 * Dockerfile for all rules. With `onbuild`, RUNs inside `ONBUILD` triggers are included
 * (hadolint applies most shell rules to them as well, reported at the ONBUILD line).
 */
export function runs(df: Dockerfile, onbuild = true): RunEntry[] {
  let cached = runCache.get(df);
  if (!cached) {
    const all: RunEntry[] = [];
    const plain: RunEntry[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword === 'RUN') {
        const e = { ins, at: ins, shell: shellOf(ins) };
        all.push(e);
        plain.push(e);
      } else if (ins.trigger?.keyword === 'RUN') all.push({ ins: ins.trigger, at: ins, shell: shellOf(ins.trigger) });
    }
    cached = { all, plain };
    runCache.set(df, cached);
  }
  return onbuild ? cached.all : cached.plain;
}

/** Builds a finding in contract order (the registry normalizes key order again). */
export function finding(rule: DlRule, at: Instruction, message: string, fix: string): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message,
    location: { line: at.line, column: at.column, ...(at.endLine > at.line ? { endLine: at.endLine } : {}) },
    fix,
    docs: rule.docs,
  };
}

export function quoteList(items: string[]): string {
  const shown = items.slice(0, 5).map((p) => `\`${p}\``);
  return items.length > 5 ? `${shown.join(', ')} and ${items.length - 5} more` : shown.join(', ');
}

export function dropQuotes(text: string): string {
  return text.replace(/^["']+|["']+$/g, '');
}

/** `RUN --mount=type=cache,target=/root/.cache/pip`: a cache or tmpfs mount whose target contains `frag`. */
export function hasCacheOrTmpfsMountWith(frag: string, ins: Instruction): boolean {
  return ins.flags.some((f) => {
    if (f.name !== 'mount' || !f.value) return false;
    const opts = new Map(
      f.value.split(',').map((kv) => {
        const eq = kv.indexOf('=');
        return eq === -1 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
      }),
    );
    const type = opts.get('type');
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination') ?? '';
    return (type === 'cache' || type === 'tmpfs') && target.includes(frag);
  });
}
