import { z } from 'zod';
import { analyzerOptions, defineTool } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { CASES } from './case';
import { isIgnored, parseCommit } from './commit-parser';
import { lintCommit, rules } from './lint-commits.rules';

const caseName = z.enum(CASES);

export const lintCommits = defineTool({
  name: 'quality_lint_commits',
  title: 'Commit message lint',
  description:
    "Checks commit messages against Conventional Commits with commitlint's config-conventional rules (type enum and case, subject case and full stop, length limits, blank lines before body and footer, BREAKING CHANGE footer form).",
  input: z
    .object({
      content: z.string().optional().describe('One commit message (header, optional body and footers)'),
      messages: z.array(z.string()).optional().describe('Several commit messages; findings carry messageIndex (0-based)'),
      options: analyzerOptions({
        rules: z
          .object({
            'scope-case': z.union([caseName, z.array(caseName)]).optional().describe('Case the scope must be in, e.g. "lower-case"'),
            'scope-enum': z.array(z.string()).optional().describe('Allowed scopes'),
          })
          .strict()
          .optional()
          .describe('Scope rules to enable (off by default, as in config-conventional)'),
      }),
    })
    .strict(),
  rules,
  run({ content, messages, options }) {
    const list = messages ?? (content !== undefined ? [content] : undefined);
    if (!list) throw new InputError('Give a commit message as `content` or several as `messages`.');
    const findings: Finding[] = [];
    let ignored = 0;
    list.forEach((raw, index) => {
      if (raw.trim() !== '' && isIgnored(raw)) {
        ignored++;
        return;
      }
      for (const f of lintCommit(parseCommit(raw), options?.rules)) {
        findings.push(messages ? { ...f, messageIndex: index } : f);
      }
    });
    const failing = new Set(findings.filter((f) => f.severity === 'error').map((f) => (f.messageIndex as number | undefined) ?? 0));
    return {
      findings,
      summary: { messages: list.length, ignored },
      metrics: {
        messages: list.map((raw, index) => ({
          name: raw.split(/\r?\n/).find((l) => l.trim() !== '') ?? '',
          index,
          valid: !failing.has(index),
          ignored: raw.trim() !== '' && isIgnored(raw),
        })),
      },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.messages ?? []) as Array<{ name: string; index: number; valid: boolean; ignored: boolean }>;
    return [table(['#', 'header', 'result'], rows.map((r) => [r.index, r.name, r.ignored ? 'ignored' : r.valid ? 'ok' : 'errors']))];
  },
});
