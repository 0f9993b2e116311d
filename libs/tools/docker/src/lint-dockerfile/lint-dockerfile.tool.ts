import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseDockerfile } from '../shared/dockerfile/parse-dockerfile';
import { applyPragmas } from './pragmas';
import { DL_RULES } from './rules';
import { finding, type LintContext } from './rules/rule';

/**
 * hadolint's Dockerfile rules (the DL codes) on a BuildKit-faithful parse. ShellCheck's SC
 * codes are not reproduced; the shell is parsed only as far as the DL rules need.
 */
export const lintDockerfile = defineTool({
  name: 'docker_lint_dockerfile',
  title: 'Dockerfile lint (hadolint rules)',
  description:
    "Lints a Dockerfile with hadolint's DL rules: image tags, apt/apk/pip/npm version pinning and caches, ADD vs COPY, JSON CMD, WORKDIR, USER, pipefail, stage aliases. Parses continuations, heredocs and stages as BuildKit does.",
  input: z
    .object({
      content: contentArg('The Dockerfile, as text'),
      options: analyzerOptions({
        trustedRegistries: z
          .array(z.string())
          .optional()
          .describe('Registries FROM images may come from (DL3026); `*` wildcards at either end, e.g. `*.gcr.io`. Empty: DL3026 is off'),
      }),
    })
    .strict(),
  rules: DL_RULES.map(({ id, severity, summary, docs }) => ({ id, severity, summary, docs })),
  run({ content, options }) {
    const df = parseDockerfile(content);
    const findings: Finding[] = [];
    const ctx: LintContext = {
      df,
      options: { trustedRegistries: options?.trustedRegistries },
      report: (rule, at, message, fix) => findings.push(finding(rule, at, message, fix)),
    };
    for (const rule of DL_RULES) rule.check(ctx);
    return {
      findings: applyPragmas(df, findings),
      metrics: {
        instructions: df.instructions.length,
        stages: df.stages.map((s) => ({
          name: s.alias ?? String(s.index),
          line: s.from.line,
          image: s.image.text,
          instructions: s.instructions.length + 1,
        })),
      },
    };
  },
  render(envelope) {
    const stages = (envelope.metrics?.stages ?? []) as { name: string; line: number; image: string; instructions: number }[];
    return [table(['stage', 'line', 'base image', 'instructions'], stages.map((s) => [s.name, s.line, s.image, s.instructions]))];
  },
});
