import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { InputError, table } from '@mcp/core-response';
import { parseModule } from '../shared/parse';
import { functionsOf, type FunctionInfo } from '../shared/metrics';
import { deriveCases, moduleConstants, type TestCase } from './case-derivation';
import { skeleton } from './skeleton';

export const suggestTestCases = defineTool({
  name: 'quality_suggest_test_cases',
  title: 'Test case suggestions',
  description:
    "Derives a test matrix from a function's branches: each condition true and false, boundary values of compared constants (c-1, c, c+1), thrown errors, early returns and switch cases, as a table and as a test skeleton for Jest, Vitest or Mocha/chai.",
  input: z
    .object({
      content: contentArg('A JavaScript/TypeScript module'),
      options: analyzerOptions({
        function: z.string().optional().describe('Only this function (name as reported: name, Class.method, object.key)'),
        framework: z.enum(['jest', 'vitest', 'mocha']).optional().describe('Test framework of the skeleton (default jest)'),
      }),
    })
    .strict(),
  rules: [],
  run({ content, options }) {
    const mod = parseModule(content);
    let fns = functionsOf(mod).filter((f) => !f.name.startsWith('<anonymous>') && !f.parent);
    if (options?.function) {
      const all = functionsOf(mod);
      fns = all.filter((f) => f.name === options.function);
      if (fns.length === 0) throw new InputError(`No function named '${options.function}'; functions: ${all.map((f) => f.name).join(', ') || 'none'}.`);
    }
    const consts = moduleConstants(mod);
    const cases: TestCase[] = fns.flatMap((fn) => deriveCases(mod, fn, consts));
    const paramNames = new Map<FunctionInfo, string[]>(
      fns.map((f) => [f, f.params.map((p) => { const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p; return id.type === 'Identifier' ? id.name : 'arg'; })]),
    );
    const asyncFns = new Set(fns.filter((f) => (f.node as { async?: boolean }).async).map((f) => f.name));
    return {
      findings: [],
      summary: { functions: fns.length, cases: cases.length },
      artifacts: {
        cases: cases.map(({ function: fn, title, kind, input, expected }) => ({ function: fn, title, kind, input, expected })),
        skeleton: skeleton(options?.framework ?? 'jest', fns, cases, paramNames, asyncFns),
      },
    };
  },
  render(envelope) {
    const cases = (envelope.artifacts?.cases ?? []) as Array<{ function: string; title: string; kind: string; input: unknown; expected: string }>;
    return [
      table(['function', 'case', 'kind', 'input', 'expected'], cases.map((c) => [c.function, c.title, c.kind, JSON.stringify(c.input), c.expected])),
      `### Skeleton\n\n\`\`\`ts\n${String(envelope.artifacts?.skeleton ?? '')}\n\`\`\``,
    ];
  },
});
