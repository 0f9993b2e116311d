import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseModule } from '../shared/parse';
import { functionsOf, maintainabilityIndex, moduleHalstead, type FunctionInfo } from '../shared/metrics';

const rules: RuleDoc[] = [
  { id: 'complexity', severity: 'warning', summary: 'A function whose cyclomatic complexity (as ESLint counts it) exceeds maxCyclomatic', docs: 'https://eslint.org/docs/latest/rules/complexity' },
  { id: 'cognitive-complexity', severity: 'warning', summary: "A function whose cognitive complexity (SonarSource's definition) exceeds maxCognitive", docs: 'https://rules.sonarsource.com/javascript/RSPEC-3776/' },
];

export const complexityReport = defineTool({
  name: 'quality_complexity_report',
  title: 'Complexity report',
  description:
    'Per-function cyclomatic complexity (ESLint), cognitive complexity (SonarSource), Halstead measures, maintainability index (escomplex, 171-based), parameters and nesting depth of JavaScript/TypeScript source, with file totals.',
  input: z
    .object({
      content: contentArg('JavaScript or TypeScript source (JSX/TSX allowed)'),
      options: analyzerOptions({
        maxCyclomatic: z.number().int().min(0).optional().describe('Report functions whose cyclomatic complexity is above this (default 10)'),
        maxCognitive: z.number().int().min(0).optional().describe('Report functions whose cognitive complexity is above this (default 15)'),
      }),
    })
    .strict(),
  rules,
  run({ content, options }) {
    const maxCyclomatic = options?.maxCyclomatic ?? 10;
    const maxCognitive = options?.maxCognitive ?? 15;
    const mod = parseModule(content);
    const fns = functionsOf(mod);
    const findings: Finding[] = [];
    for (const fn of fns) {
      const location = { line: fn.line, column: fn.column, endLine: fn.endLine };
      if (fn.cyclomatic > maxCyclomatic) {
        findings.push({
          ruleId: 'complexity',
          severity: 'warning',
          message: `Function '${fn.name}' has a cyclomatic complexity of ${fn.cyclomatic}; the maximum allowed is ${maxCyclomatic}.`,
          location,
          fix: 'Split the function: move independent branches into helpers or replace condition chains with a lookup table.',
          docs: rules[0].docs,
        });
      }
      if (fn.cognitive > maxCognitive) {
        findings.push({
          ruleId: 'cognitive-complexity',
          severity: 'warning',
          message: `Function '${fn.name}' has a cognitive complexity of ${fn.cognitive}; the maximum allowed is ${maxCognitive}.`,
          location,
          fix: 'Flatten nesting with early returns and extract nested blocks into named functions.',
          docs: rules[1].docs,
        });
      }
    }
    const n = fns.length || 1;
    const avg = (f: (x: FunctionInfo) => number) => fns.reduce((s, x) => s + f(x), 0) / n;
    return {
      findings,
      metrics: {
        functions: fns.map((fn) => ({
          name: fn.name,
          line: fn.line,
          endLine: fn.endLine,
          cyclomatic: fn.cyclomatic,
          cognitive: fn.cognitive,
          params: fn.params.length,
          nestingDepth: fn.nestingDepth,
          sloc: fn.sloc,
          halstead: {
            operators: fn.halstead.operators,
            operands: fn.halstead.operands,
            length: fn.halstead.length,
            vocabulary: fn.halstead.vocabulary,
            volume: fn.halstead.volume,
            difficulty: fn.halstead.difficulty,
            effort: fn.halstead.effort,
          },
          maintainability: fn.maintainability,
        })),
        cyclomatic: fns.reduce((s, f) => s + f.cyclomatic, 0),
        cognitive: fns.reduce((s, f) => s + f.cognitive, 0),
        // escomplex's module index: the formula over per-function averages.
        maintainability: fns.length ? maintainabilityIndex(avg((f) => f.halstead.effort), avg((f) => f.cyclomatic), avg((f) => f.logicalSloc)) : 171,
        halstead: moduleHalstead(mod),
      },
    };
  },
  render(envelope) {
    const fns = (envelope.metrics?.functions ?? []) as Array<Record<string, unknown> & { halstead: { volume: number } }>;
    return [
      table(
        ['function', 'line', 'cyclomatic', 'cognitive', 'params', 'depth', 'sloc', 'volume', 'MI'],
        fns.map((f) => [f.name, f.line, f.cyclomatic, f.cognitive, f.params, f.nestingDepth, f.sloc, f.halstead.volume, f.maintainability]),
      ),
      `Totals: cyclomatic ${envelope.metrics?.cyclomatic}, cognitive ${envelope.metrics?.cognitive}, maintainability ${Math.round(Number(envelope.metrics?.maintainability) * 100) / 100}.`,
    ];
  },
});
