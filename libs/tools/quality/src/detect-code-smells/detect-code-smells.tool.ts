import { z } from 'zod';
import type { Node } from '@babel/types';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseModule } from '../shared/parse';
import { depthSites, functionsOf } from '../shared/metrics';
import { magicNumbers } from '../shared/magic-numbers';
import { selectorParams } from '../shared/selector-params';
import { walk } from '@mcp/core-js';
import { keyName } from '../shared/names';

const rules: RuleDoc[] = [
  { id: 'max-lines-per-function', severity: 'warning', summary: 'A function longer than maxLinesPerFunction lines', docs: 'https://eslint.org/docs/latest/rules/max-lines-per-function' },
  { id: 'max-params', severity: 'warning', summary: 'A function with more than maxParams parameters', docs: 'https://eslint.org/docs/latest/rules/max-params' },
  { id: 'max-depth', severity: 'warning', summary: 'Blocks nested deeper than maxDepth', docs: 'https://eslint.org/docs/latest/rules/max-depth' },
  { id: 'max-returns', severity: 'warning', summary: 'A function with more than maxReturns return statements', docs: 'https://rules.sonarsource.com/javascript/RSPEC-1142/' },
  { id: 'large-class', severity: 'warning', summary: 'A class with more than maxClassMethods methods or maxClassLines lines', docs: 'https://refactoring.guru/smells/large-class' },
  { id: 'no-magic-numbers', severity: 'info', summary: 'A numeric literal in an expression that should be a named constant', docs: 'https://eslint.org/docs/latest/rules/no-magic-numbers' },
  { id: 'no-selector-parameter', severity: 'warning', summary: 'A boolean parameter that selects between two behaviours', docs: 'https://rules.sonarsource.com/javascript/RSPEC-2301/' },
];
const docs = (id: string) => rules.find((r) => r.id === id)?.docs;

const smellOptions = {
  maxLinesPerFunction: z.number().int().min(1).optional().describe('Maximum lines per function (default 50)'),
  maxParams: z.number().int().min(0).optional().describe('Maximum parameters per function (default 4)'),
  maxDepth: z.number().int().min(0).optional().describe('Maximum block nesting depth (default 4)'),
  maxReturns: z.number().int().min(0).optional().describe('Maximum return statements per function (default 3)'),
  maxClassMethods: z.number().int().min(0).optional().describe('Maximum methods per class (default 20)'),
  maxClassLines: z.number().int().min(1).optional().describe('Maximum lines per class (default 200)'),
  magicNumberIgnore: z.array(z.number()).optional().describe('Numbers that are never magic (default [-1, 0, 1, 2])'),
};

export const detectCodeSmells = defineTool({
  name: 'quality_detect_code_smells',
  title: 'Code smells',
  description:
    'Finds long functions, long parameter lists, deep nesting, too many returns, large classes, magic numbers and boolean selector parameters in JavaScript/TypeScript, each with the threshold it exceeded.',
  input: z.object({ content: contentArg('JavaScript or TypeScript source (JSX/TSX allowed)'), options: analyzerOptions(smellOptions) }).strict(),
  rules,
  run({ content, options }) {
    const o = {
      maxLines: options?.maxLinesPerFunction ?? 50,
      maxParams: options?.maxParams ?? 4,
      maxDepth: options?.maxDepth ?? 4,
      maxReturns: options?.maxReturns ?? 3,
      maxMethods: options?.maxClassMethods ?? 20,
      maxClassLines: options?.maxClassLines ?? 200,
      ignore: options?.magicNumberIgnore ?? [-1, 0, 1, 2],
    };
    const mod = parseModule(content);
    const fns = functionsOf(mod);
    const findings: Finding[] = [];
    const add = (ruleId: string, node: Node | { line: number; column: number; endLine?: number }, message: string, fix: string, value: unknown, threshold: unknown) => {
      const location = 'loc' in node && node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line } : (node as { line: number; column: number });
      findings.push({ ruleId, severity: ruleId === 'no-magic-numbers' ? 'info' : 'warning', message, location, fix, docs: docs(ruleId), value, threshold });
    };
    for (const fn of fns) {
      const at = { line: fn.line, column: fn.column, endLine: fn.endLine };
      const lines = fn.endLine - fn.line + 1;
      if (lines > o.maxLines) add('max-lines-per-function', at, `Function '${fn.name}' has ${lines} lines; the maximum is ${o.maxLines}.`, 'Extract cohesive blocks into well-named helper functions.', lines, o.maxLines);
      if (fn.params.length > o.maxParams) add('max-params', at, `Function '${fn.name}' has ${fn.params.length} parameters; the maximum is ${o.maxParams}.`, 'Group related parameters into an options object (Introduce Parameter Object).', fn.params.length, o.maxParams);
      if (fn.returns > o.maxReturns) add('max-returns', at, `Function '${fn.name}' has ${fn.returns} return statements; the maximum is ${o.maxReturns}.`, 'Compute the result in one place, or split the function by case.', fn.returns, o.maxReturns);
      for (const site of depthSites(fn.node)) {
        if (site.depth > o.maxDepth) {
          add('max-depth', site.node, `Blocks are nested too deeply (${site.depth}) in '${fn.name}'; the maximum is ${o.maxDepth}.`, 'Use guard clauses (early return/continue) or extract the inner block into a function.', site.depth, o.maxDepth);
        }
      }
    }
    walk(mod.ast.program, {
      enter(node, parent) {
        if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return;
        const name = node.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : '<anonymous class>');
        const methods = node.body.body.filter((m) => m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod' || m.type === 'TSDeclareMethod');
        const lines = (node.loc?.end.line ?? 0) - (node.loc?.start.line ?? 0) + 1;
        if (methods.length > o.maxMethods) {
          add('large-class', node, `Class '${name}' has ${methods.length} methods; the maximum is ${o.maxMethods}.`, `Split '${name}' by responsibility (Extract Class); e.g. move ${methods.slice(0, 3).map((m) => keyName((m as { key: Node }).key)).join(', ')} into a collaborator.`, methods.length, o.maxMethods);
        }
        if (lines > o.maxClassLines) add('large-class', node, `Class '${name}' has ${lines} lines; the maximum is ${o.maxClassLines}.`, `Split '${name}' by responsibility (Extract Class).`, lines, o.maxClassLines);
      },
    });
    const fnName = new Map(fns.map((f) => [f.node, f.name]));
    for (const m of magicNumbers(mod, o.ignore)) {
      const where = m.fn ? ` in '${fnName.get(m.fn) ?? '<anonymous>'}'` : '';
      add('no-magic-numbers', m.node, `Magic number ${m.raw}${where}.`, `Name it: const SOME_MEANING = ${m.raw}; and use the constant.`, m.value, o.ignore);
    }
    for (const s of selectorParams(mod, fns)) {
      const why = s.evidence === 'type' ? 'typed boolean' : s.evidence === 'default' ? 'defaults to a boolean' : 'called with true/false';
      add('no-selector-parameter', s.param, `Parameter '${s.param.name}' of '${s.fn.name}' (${why}) selects a branch at line ${s.branch.loc?.start.line}.`, `Split '${s.fn.name}' into two functions, one per value of '${s.param.name}'.`, s.param.name, null);
    }
    return {
      findings,
      metrics: {
        functions: fns.map((f) => ({ name: f.name, line: f.line, lines: f.endLine - f.line + 1, params: f.params.length, nestingDepth: f.nestingDepth, returns: f.returns })),
      },
    };
  },
  render(envelope) {
    const fns = (envelope.metrics?.functions ?? []) as Array<{ name: string; line: number; lines: number; params: number; nestingDepth: number; returns: number }>;
    return [table(['function', 'line', 'lines', 'params', 'depth', 'returns'], fns.map((f) => [f.name, f.line, f.lines, f.params, f.nestingDepth, f.returns]))];
  },
});
