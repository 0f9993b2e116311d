import type { Node } from '@babel/types';
import type { RuleDoc } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';
import { commentsBetween, type ParsedModule } from '../shared/parse';
import { scopesOf, type Binding, type Scope } from '../shared/scope';
import { completesNormally, listCompletes, unreachableRuns } from '../shared/control-flow';
import { walk, isFunction } from '@mcp/core-js';
import { ENV_GLOBALS, ES_BUILTINS } from '../shared/globals';
import { sameStructure, staticKey, isConstant } from './ast-utils';

const doc = (id: string) => `https://eslint.org/docs/latest/rules/${id}`;
const r = (id: string, summary: string): RuleDoc => ({ id, severity: 'error', summary, docs: doc(id) });

// eslint:recommended reports these as errors ("error" in @eslint/js recommended), except eqeqeq (not in recommended).
export const rules: RuleDoc[] = [
  r('no-unused-vars', 'Variables, functions, imports, parameters and caught errors that are never used'),
  r('no-undef', 'References to variables that are not declared and not a known global'),
  r('no-unreachable', 'Statements after return, throw, break or continue'),
  r('no-dupe-keys', 'An object literal that defines the same key twice'),
  r('no-duplicate-case', 'A switch with two identical case labels'),
  r('no-empty', 'Empty block statements (a comment inside makes them intentional)'),
  r('no-constant-condition', 'Constant expressions in conditions (while (true) is allowed)'),
  { id: 'eqeqeq', severity: 'warning', summary: 'Use === and !== instead of == and !=', docs: doc('eqeqeq') },
  r('no-self-compare', 'Comparing a value with itself'),
  r('no-fallthrough', "A case that falls through to the next without break (a '// falls through' comment allows it)"),
  r('use-isnan', 'Comparing with NaN instead of using Number.isNaN'),
  r('valid-typeof', 'Comparing typeof with a string that is not a type name'),
  r('no-unsafe-finally', 'return, throw, break or continue inside finally'),
  r('no-sparse-arrays', 'Array literals with holes'),
  r('no-cond-assign', 'Assignments in conditions (unless wrapped in extra parentheses)'),
];
const severityOf = new Map(rules.map((x) => [x.id, x.severity]));

export interface LintOptions {
  globals?: string[];
  env?: string[];
}

const FIX: Record<string, string> = {
  'no-unused-vars': 'Remove it, or use it; prefix nothing — ESLint has no ignore pattern by default.',
  'no-undef': 'Declare or import it, or list it in options.globals / options.env if it is provided by the environment.',
  'no-unreachable': 'Delete the unreachable code or move it before the statement that ends the path.',
  'no-dupe-keys': 'Remove one of the duplicate keys; the later one silently wins.',
  'no-duplicate-case': 'Remove the duplicate case or fix its label; the second one can never run.',
  'no-empty': 'Add the missing logic, or a comment explaining why the block is empty.',
  'no-constant-condition': 'Replace the constant with the intended condition, or remove the dead branch.',
  eqeqeq: 'Use strict equality (=== / !==) so that no type coercion happens.',
  'no-self-compare': 'Compare with the intended other value; to test for NaN use Number.isNaN(x).',
  'no-fallthrough': "Add a break (or return), or a '// falls through' comment if the fallthrough is intended.",
  'use-isnan': 'Use Number.isNaN(value); NaN is not equal to anything, itself included.',
  'valid-typeof': "Compare with one of 'undefined', 'object', 'boolean', 'number', 'string', 'function', 'symbol', 'bigint'.",
  'no-unsafe-finally': 'Move the control-flow statement out of finally; it overrides the try/catch outcome.',
  'no-sparse-arrays': 'Remove the extra comma or write undefined explicitly.',
  'no-cond-assign': 'Use a comparison (===), or wrap an intended assignment in extra parentheses.',
};

export function lint(mod: ParsedModule, options: LintOptions = {}): Finding[] {
  const out: Finding[] = [];
  const report = (ruleId: string, node: Node | { line: number; column: number }, message: string) => {
    const loc = 'loc' in node && node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : (node as { line: number; column: number });
    out.push({ ruleId, severity: severityOf.get(ruleId) ?? 'error', message, location: loc, fix: FIX[ruleId], docs: doc(ruleId) });
  };
  const at = (offset: number) => mod.lines.position(offset);
  unusedVars(mod, report);
  undefinedRefs(mod, options, report);
  for (const run of unreachableRuns(mod.ast.program)) report('no-unreachable', run.first, 'Unreachable code.');
  nodeRules(mod, report, at);
  return out;
}

type Report = (ruleId: string, node: Node | { line: number; column: number }, message: string) => void;

// ---- no-unused-vars (ESLint 9 defaults: vars all, args after-used, caughtErrors all).

function unusedVars(mod: ParsedModule, report: Report): void {
  const { bindings } = scopesOf(mod);
  const exportedComment = exportedNames(mod);
  for (const b of bindings) {
    if (b.kind === 'implicit' || b.exported) continue;
    if (b.scope.kind === 'global' && exportedComment.has(b.name)) continue;
    // A class expression's or function expression's own name is not reported.
    if ((b.decl.type === 'ClassExpression' || b.decl.type === 'FunctionExpression') && b.kind !== 'param') continue;
    if (b.kind === 'param') {
      const parent = b.fn as Node & { kind?: string };
      if ((parent.type === 'ClassMethod' || parent.type === 'ObjectMethod') && parent.kind === 'set') continue;
      if (parent.type === 'TSDeclareMethod' || parent.type === 'TSDeclareFunction') continue;
      // after-used: only a plain identifier parameter with no later parameter referenced is reported.
      const direct = ((parent as { params?: Node[] }).params ?? []).includes(b.id);
      if (direct && !isAfterLastUsedArg(b)) continue;
      if (isAbstractOrOverload(parent)) continue;
    }
    if (isUsed(b)) continue;
    const writes = b.refs.filter((x) => x.write && varScope(x.scope) === varScope(b.scope));
    const where = writes.length ? writes[writes.length - 1].id : b.id;
    const assigned = b.refs.some((x) => x.write);
    report('no-unused-vars', where, `'${b.name}' is ${assigned ? 'assigned a value' : 'defined'} but never used.`);
  }
}

function isAbstractOrOverload(fn: Node): boolean {
  const f = fn as { body?: Node | null; abstract?: boolean; declare?: boolean };
  return !f.body || f.abstract === true || f.declare === true;
}

function varScope(s: Scope): Scope {
  let cur = s;
  while (cur.kind !== 'function' && cur.kind !== 'module' && cur.kind !== 'global' && cur.parent) cur = cur.parent;
  return cur;
}

function isAfterLastUsedArg(b: Binding): boolean {
  const siblings = [...b.scope.bindings.values()].filter((x) => x.kind === 'param' && x.fn === b.fn && (x.paramOrder ?? 0) > (b.paramOrder ?? 0));
  return !siblings.some((x) => x.refs.length > 0 || x.exported);
}

function selfFunctionNodes(b: Binding): Node[] {
  if (b.kind === 'function' && isFunction(b.decl)) return [b.decl];
  const init = b.init;
  if (init && (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression')) return [init];
  return [];
}

function within(scope: Scope | null, nodes: Node[]): boolean {
  for (let s = scope; s; s = s.parent) if (nodes.includes(s.node)) return true;
  return false;
}

function isUsed(b: Binding): boolean {
  const fnNodes = selfFunctionNodes(b);
  return b.refs.some((x) => {
    if (x.type) return true;
    if (!x.read || x.selfModify) return false;
    return !(fnNodes.length && within(x.scope, fnNodes));
  });
}

function exportedNames(mod: ParsedModule): Set<string> {
  const names = new Set<string>();
  for (const c of mod.ast.comments ?? []) {
    const m = c.type === 'CommentBlock' ? /^\s*exported\s+([\s\S]*)$/.exec(c.value) : null;
    if (m) for (const n of m[1].split(/[\s,]+/)) if (n) names.add(n);
  }
  return names;
}

// ---- no-undef

function undefinedRefs(mod: ParsedModule, options: LintOptions, report: Report): void {
  const { scopes, commentGlobals } = scopesOf(mod);
  const known = new Set<string>([...ES_BUILTINS, ...(options.globals ?? []), ...commentGlobals]);
  for (const env of options.env ?? []) for (const g of ENV_GLOBALS[env] ?? []) known.add(g);
  for (const s of scopes) {
    for (const ref of s.through) {
      if (ref.type || ref.typeofOperand || known.has(ref.name)) continue;
      report('no-undef', ref.id, `'${ref.name}' is not defined.`);
    }
  }
}

// ---- rules that look at single nodes

const VALID_TYPES = new Set(['symbol', 'undefined', 'object', 'boolean', 'number', 'string', 'function', 'bigint']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const COMPARISON = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=']);
const FALLTHROUGH = /falls?\s?through/i;

function isNaNNode(n: Node): boolean {
  if (n.type === 'Identifier') return n.name === 'NaN';
  if (n.type === 'MemberExpression' && !n.computed) return n.object.type === 'Identifier' && n.object.name === 'Number' && n.property.type === 'Identifier' && n.property.name === 'NaN';
  if (n.type === 'SequenceExpression') return isNaNNode(n.expressions[n.expressions.length - 1]);
  return false;
}

function nodeRules(mod: ParsedModule, report: Report, at: (o: number) => { line: number; column: number }): void {
  const code = mod.code;
  walk(mod.ast.program, {
    enter(node, parent, ancestors) {
      switch (node.type) {
        case 'ObjectExpression': {
          const seen = new Map<string, { get: boolean; set: boolean; init: boolean }>();
          for (const p of node.properties) {
            if (p.type === 'SpreadElement') continue;
            if (p.type === 'ObjectProperty' && !p.computed && !p.shorthand && staticKey(p.key, false) === '__proto__') continue;
            const key = staticKey(p.key, p.computed);
            if (key === undefined) continue;
            const kind = p.type === 'ObjectMethod' ? (p.kind === 'get' ? 'get' : p.kind === 'set' ? 'set' : 'init') : 'init';
            const entry = seen.get(key) ?? { get: false, set: false, init: false };
            const dup = kind === 'init' ? entry.init || entry.get || entry.set : entry[kind] || entry.init;
            if (dup) report('no-dupe-keys', p.key, `Duplicate key '${key}'.`);
            entry[kind] = true;
            seen.set(key, entry);
          }
          break;
        }
        case 'SwitchStatement': {
          const tests: Node[] = [];
          node.cases.forEach((c, i) => {
            if (c.test) {
              if (tests.some((t) => sameStructure(t, c.test as Node))) report('no-duplicate-case', c, 'Duplicate case label.');
              tests.push(c.test);
              if (isNaNNode(c.test)) report('use-isnan', c, "'case NaN' can never match. Use Number.isNaN before the switch.");
            }
            // no-fallthrough: a non-empty case whose end is reachable, followed by another case.
            const next = node.cases[i + 1];
            if (next && c.consequent.length > 0 && listCompletes(c.consequent) && !hasFallthroughComment(mod, c, next)) {
              report('no-fallthrough', next, `Expected a 'break' statement before '${next.test ? 'case' : 'default'}'.`);
            }
          });
          if (isNaNNode(node.discriminant)) report('use-isnan', node, "'switch(NaN)' can never match a case clause. Use Number.isNaN instead of the switch.");
          if (node.cases.length === 0 && !hasCommentInside(mod, node)) report('no-empty', node, 'Empty switch statement.');
          break;
        }
        case 'BlockStatement':
          if (node.body.length === 0 && !(parent && isFunction(parent)) && !hasCommentInside(mod, node)) {
            if (!(parent && (parent.type === 'TSModuleDeclaration'))) report('no-empty', node, 'Empty block statement.');
          }
          break;
        case 'IfStatement':
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'ForStatement':
        case 'ConditionalExpression': {
          const test = (node as { test?: Node | null }).test;
          if (!test) break;
          // checkLoops "allExceptWhileTrue": only `while (true)` is exempt (not do-while or for).
          const whileTrue = node.type === 'WhileStatement' && test.type === 'BooleanLiteral' && test.value === true;
          if (!whileTrue && isConstant(test, true, ancestorsScopeShadows(mod, node))) {
            if (!(node.type !== 'IfStatement' && node.type !== 'ConditionalExpression' && loopHasYield(node))) report('no-constant-condition', test, 'Unexpected constant condition.');
          }
          if (test.type === 'AssignmentExpression') {
            const levels = node.type === 'ForStatement' ? 1 : 2;
            if (parenLevels(code, test) < levels) report('no-cond-assign', test, 'Expected a conditional expression and instead saw an assignment.');
          }
          break;
        }
        case 'BinaryExpression': {
          if (node.operator === '==' || node.operator === '!=') {
            const op = operatorOffset(code, node.left.end ?? 0, node.operator);
            report('eqeqeq', at(op), `Expected '${node.operator}=' and instead saw '${node.operator}'.`);
          }
          if (COMPARISON.has(node.operator) && node.left.type !== 'PrivateName' && sameStructure(node.left, node.right)) {
            report('no-self-compare', node, 'Comparing to itself is potentially pointless.');
          }
          if (COMPARISON.has(node.operator) && node.left.type !== 'PrivateName' && (isNaNNode(node.left) || isNaNNode(node.right))) {
            report('use-isnan', node, 'Use the isNaN function to compare with NaN.');
          }
          if (EQUALITY.has(node.operator)) {
            for (const [side, other] of [
              [node.left, node.right],
              [node.right, node.left],
            ] as Node[][]) {
              if (side.type === 'UnaryExpression' && side.operator === 'typeof') {
                const value = other.type === 'StringLiteral' ? other.value : other.type === 'TemplateLiteral' && other.expressions.length === 0 ? other.quasis[0].value.cooked : undefined;
                if (value !== undefined && value !== null && !VALID_TYPES.has(value)) report('valid-typeof', other, 'Invalid typeof comparison value.');
              }
            }
          }
          break;
        }
        case 'ArrayExpression':
          sparse(node, code, at, report);
          break;
        case 'ReturnStatement':
        case 'ThrowStatement':
        case 'BreakStatement':
        case 'ContinueStatement':
          if (inFinallyUnsafe(node, ancestors)) report('no-unsafe-finally', node, `Unsafe usage of ${node.type}.`);
          break;
      }
    },
  });
}

function ancestorsScopeShadows(_mod: ParsedModule, _node: Node): (name: string) => boolean {
  return () => false;
}

function loopHasYield(loop: Node): boolean {
  let found = false;
  walk(loop, {
    enter(n) {
      if (found || (n !== loop && isFunction(n))) return false;
      if (n.type === 'YieldExpression') found = true;
      return undefined;
    },
  });
  return found;
}

function hasCommentInside(mod: ParsedModule, node: Node): boolean {
  return commentsBetween(mod, (node.start ?? 0) + 1, (node.end ?? 0) - 1).length > 0;
}

function hasFallthroughComment(mod: ParsedModule, c: Node, next: Node): boolean {
  // ESLint: the comment right before the next case, or the last comment of this case's body.
  const from = (c as { consequent: Node[] }).consequent.at(-1)?.start ?? c.start ?? 0;
  return commentsBetween(mod, from, next.start ?? 0).some((k) => FALLTHROUGH.test(k.value));
}

/** How many pairs of parentheses directly wrap a node, read from the source text. */
function parenLevels(code: string, node: Node): number {
  let a = (node.start ?? 0) - 1;
  let b = node.end ?? 0;
  let levels = 0;
  for (;;) {
    while (a >= 0 && /\s/.test(code[a])) a--;
    while (b < code.length && /\s/.test(code[b])) b++;
    if (code[a] === '(' && code[b] === ')') {
      levels++;
      a--;
      b++;
    } else return levels;
  }
}

function skipTrivia(code: string, i: number): number {
  for (;;) {
    while (i < code.length && /[\s)]/.test(code[i])) i++;
    if (code.startsWith('//', i)) i = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
    else if (code.startsWith('/*', i)) i = code.indexOf('*/', i) + 2;
    else return i;
  }
}

function operatorOffset(code: string, from: number, op: string): number {
  const i = skipTrivia(code, from);
  return code.startsWith(op, i) ? i : Math.max(code.indexOf(op, from), 0);
}

function sparse(node: Node & { type: 'ArrayExpression' }, code: string, at: (o: number) => { line: number; column: number }, report: Report): void {
  if (!node.elements.includes(null)) return;
  let pos = (node.start ?? 0) + 1;
  node.elements.forEach((el, i) => {
    if (i === node.elements.length - 1 && el) return;
    if (el) pos = el.end ?? pos;
    const comma = skipTrivia(code, pos);
    if (!el) report('no-sparse-arrays', at(comma), 'Unexpected comma in middle of array.');
    pos = comma + 1;
  });
}

const LOOP = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

/** Inside a finally block, with no function boundary, and (for break/continue) jumping out of it. */
function inFinallyUnsafe(node: Node, ancestors: readonly Node[]): boolean {
  const label = (node as { label?: { name: string } | null }).label?.name;
  let child: Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (isFunction(a) || a.type === 'ClassBody') return false;
    if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
      if (label) {
        if (a.type === 'LabeledStatement' && a.label.name === label) return false;
      } else if (LOOP.has(a.type) || (node.type === 'BreakStatement' && a.type === 'SwitchStatement')) return false;
    }
    if (a.type === 'TryStatement' && a.finalizer === child) return true;
    child = a;
  }
  return false;
}

export { completesNormally };
