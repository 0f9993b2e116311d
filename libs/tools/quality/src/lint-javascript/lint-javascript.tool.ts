import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table } from '@mcp/core-response';
import { parseModule } from '../shared/parse';
import { ENV_GLOBALS } from '../shared/globals';
import { lint, rules } from './lint-javascript.rules';

const ENVS = Object.keys(ENV_GLOBALS) as [string, ...string[]];

export const lintJavascript = defineTool({
  name: 'quality_lint_javascript',
  title: 'JavaScript lint',
  description:
    "ESLint's recommended core rules ported onto the Babel AST with ESLint 9's default options: no-unused-vars, no-undef, no-unreachable, no-dupe-keys, no-duplicate-case, no-empty, no-constant-condition, eqeqeq, no-self-compare, no-fallthrough, use-isnan, valid-typeof, no-unsafe-finally, no-sparse-arrays, no-cond-assign. JS, TS, JSX and TSX.",
  input: z
    .object({
      content: contentArg('JavaScript or TypeScript source (JSX/TSX allowed)'),
      options: analyzerOptions({
        globals: z.array(z.string()).optional().describe('Extra global variable names (no-undef)'),
        env: z.array(z.enum(ENVS)).optional().describe('Environments whose globals are predefined: browser, node, commonjs, worker, jest, mocha, vitest, ...'),
      }),
    })
    .strict(),
  rules,
  run({ content, options }) {
    const mod = parseModule(content);
    const findings = lint(mod, { globals: options?.globals, env: options?.env });
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    return {
      findings,
      metrics: { rules: rules.map((r) => ({ name: r.id, count: counts.get(r.id) ?? 0 })).filter((r) => r.count > 0) },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.rules ?? []) as Array<{ name: string; count: number }>;
    return [table(['rule', 'findings'], rows.map((r) => [r.name, r.count]))];
  },
});
