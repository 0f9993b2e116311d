import { z } from 'zod';
import type { Node } from '@babel/types';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseModule } from '../shared/parse';
import { childNodes } from '@mcp/core-js';
import { parseLcov } from '../analyze-coverage/coverage-formats';
import { ALL_MUTATORS, DEFAULT_MUTATORS, sitesFor, type MutatorName, type Site } from './mutators';

const DOCS = 'https://stryker-mutator.io/docs/mutation-testing-elements/supported-mutators/';
const SUMMARY: Record<MutatorName, string> = {
  ArithmeticOperator: '+ <-> -, * <-> /, % -> * (not string concatenation)',
  UnaryOperator: '+a <-> -a, ~a -> a',
  UpdateOperator: 'a++ <-> a--, ++a <-> --a',
  AssignmentOperator: '+= <-> -=, *= <-> /=, &&= <-> ||=, ??= -> &&=, ...',
  EqualityOperator: '< -> <= / >=, === <-> !==, ...',
  LogicalOperator: '&& <-> ||, ?? -> &&',
  BooleanLiteral: 'true <-> false, !a -> a',
  ConditionalExpression: 'if/ternary test -> true and false, loop test -> false, switch case emptied',
  ArrowFunction: '() => value -> () => undefined',
  BlockStatement: 'a non-empty block (function body, branch) -> {}',
  StringLiteral: '"text" -> "", "" -> "Stryker was here!"',
  ArrayDeclaration: '[a, b] -> [], [] -> ["Stryker was here"]',
  ObjectLiteral: '{ a: 1 } -> {}',
  OptionalChaining: 'a?.b -> a.b, f?.() -> f()',
  MethodExpression: 'startsWith <-> endsWith, toUpperCase <-> toLowerCase, some <-> every, filter/sort/trim removed, ...',
  Regex: 'anchors removed, \\d <-> \\D, \\w <-> \\W, \\s <-> \\S',
};
const rules: RuleDoc[] = ALL_MUTATORS.map((id) => ({ id, severity: 'info', summary: SUMMARY[id], docs: DOCS }));

// Subtrees Stryker's instrumenter never enters: types (TSAsExpression included, with its
// expression), enums, overload declarations, imports and decorators.
const SKIP = new Set(['TSAsExpression', 'TSInterfaceDeclaration', 'TSTypeAnnotation', 'TSTypeAliasDeclaration', 'TSEnumDeclaration', 'TSDeclareFunction', 'TSTypeParameterInstantiation', 'TSTypeParameterDeclaration', 'ImportDeclaration', 'TSImportEqualsDeclaration', 'Decorator']);

export const mutationSites = defineTool({
  name: 'quality_mutation_sites',
  title: 'Mutation sites',
  description:
    "Lists the places a mutation tester (Stryker) would mutate in JavaScript/TypeScript source — arithmetic, comparison, logical, boolean, conditional, update and assignment operators, arrow results and block bodies — with each mutant and, given an lcov report, whether a test covers that line.",
  input: z
    .object({
      content: contentArg('JavaScript or TypeScript source (JSX/TSX allowed)'),
      coverage: z.string().optional().describe('An lcov report for this file; a site is covered when its line has a hit count above 0'),
      options: analyzerOptions({
        mutators: z.array(z.enum(ALL_MUTATORS)).optional().describe(`Mutators to apply (default: ${DEFAULT_MUTATORS.join(', ')})`),
      }),
    })
    .strict(),
  rules,
  run({ content, coverage, options }) {
    const enabled = new Set<MutatorName>(options?.mutators ?? DEFAULT_MUTATORS);
    const mod = parseModule(content);
    let hitLines: Set<number> | null = null;
    if (coverage !== undefined) {
      hitLines = new Set();
      // One SF record is this file; with several, a line counts as covered if any record hits it.
      for (const f of parseLcov(coverage)) for (const [line, hits] of f.lines) if (hits > 0) hitLines.add(line);
    }
    const sites: Site[] = [];
    const visit = (node: Node, parent: Node | null, grand: Node | null = null): void => {
      if (SKIP.has(node.type)) return;
      if ((node.type === 'VariableDeclaration' || node.type === 'TSModuleDeclaration') && (node as { declare?: boolean }).declare) return;
      sites.push(...sitesFor(mod, node, parent, enabled, grand));
      for (const c of childNodes(node)) visit(c, node, parent);
    };
    visit(mod.ast.program, null);

    const byMutator: Record<string, number> = {};
    let mutants = 0;
    let coveredSites = 0;
    const findings: Finding[] = sites.map((s) => {
      const pos = mod.lines.position(s.offset);
      // Covered when any line the mutated construct spans was executed (a block's own line may carry no counter).
      let covered: boolean | undefined;
      if (hitLines) {
        covered = false;
        for (let l = pos.line; l <= (s.node.loc?.end.line ?? pos.line); l++) if (hitLines.has(l)) covered = true;
      }
      if (covered) coveredSites++;
      byMutator[s.mutator] = (byMutator[s.mutator] ?? 0) + 1;
      mutants += s.replacements.length;
      const shown = s.original.length > 60 ? `${s.original.slice(0, 57)}...` : s.original;
      return {
        ruleId: s.mutator,
        severity: 'info',
        message: `${s.mutator}: ${JSON.stringify(shown)} -> ${s.replacements.map((r) => JSON.stringify(r.length > 60 ? `${r.slice(0, 57)}...` : r)).join(', ')}${covered === false ? ' (no test covers this line)' : ''}`,
        location: { line: pos.line, column: pos.column },
        fix: covered === false ? 'Add a test that executes this line and asserts its result, so that the mutant is killed.' : 'Make sure a test asserts the exact outcome here, so that each mutant fails it.',
        docs: DOCS,
        original: s.original,
        replacements: s.replacements,
        ...(covered !== undefined ? { covered } : {}),
      };
    });
    return {
      findings,
      metrics: { sites: sites.length, mutants, byMutator, ...(hitLines ? { coveredSites } : {}) },
    };
  },
  render(envelope) {
    const by = (envelope.metrics?.byMutator ?? {}) as Record<string, number>;
    return [table(['mutator', 'sites'], Object.entries(by).sort().map(([k, v]) => [k, v])), `${envelope.metrics?.sites} sites, ${envelope.metrics?.mutants} mutants${envelope.metrics?.coveredSites !== undefined ? `, ${envelope.metrics?.coveredSites} covered` : ''}.`];
  },
});
