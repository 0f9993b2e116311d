import type { Node, Identifier } from '@babel/types';
import type { FunctionInfo } from './metrics';
import type { ParsedModule } from './parse';
import { scopesOf } from './scope';
import { walk } from '@mcp/core-js';

export interface SelectorParam {
  fn: FunctionInfo;
  param: Identifier;
  index: number;
  /** Why it is a boolean: its type, its default, or literal booleans passed at call sites. */
  evidence: 'type' | 'default' | 'call-site';
  /** The branch it selects. */
  branch: Node;
}

function paramId(p: Node): { id: Identifier; typed: boolean; defaulted: boolean } | null {
  if (p.type === 'TSParameterProperty') return paramId(p.parameter);
  if (p.type === 'Identifier') return { id: p, typed: p.typeAnnotation?.type === 'TSTypeAnnotation' && p.typeAnnotation.typeAnnotation.type === 'TSBooleanKeyword', defaulted: false };
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') {
    const inner = paramId(p.left);
    return inner && { ...inner, defaulted: p.right.type === 'BooleanLiteral' };
  }
  return null;
}

/** The test of an if/ternary/logical-control expression that is just the parameter (or its negation). */
function selectsBranch(ref: Node, chain: readonly Node[]): Node | null {
  let n: Node = ref;
  let i = chain.length - 1;
  while (i >= 0 && chain[i].type === 'UnaryExpression' && (chain[i] as { operator: string }).operator === '!') {
    n = chain[i];
    i--;
  }
  // Part of a && / || chain that is itself the test: `if (status === 'draft' && !includeDrafts)`.
  while (i >= 0 && chain[i].type === 'LogicalExpression' && chain[i - 1] && ['IfStatement', 'ConditionalExpression', 'LogicalExpression'].includes(chain[i - 1].type)) {
    n = chain[i];
    i--;
    if (chain[i].type !== 'LogicalExpression') break;
  }
  const parent = chain[i];
  if (!parent) return null;
  if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === n) return parent;
  if (parent.type === 'LogicalExpression' && parent.left === n && chain[i - 1]?.type === 'ExpressionStatement') return parent;
  return null;
}

/** Boolean parameters that choose between two behaviours (Sonar's "selector parameter"). */
export function selectorParams(mod: ParsedModule, fns: FunctionInfo[]): SelectorParam[] {
  const { bindings } = scopesOf(mod);
  // Literal booleans at call sites of named functions declared in this file.
  const boolArgs = new Map<string, Set<number>>();
  walk(mod.ast.program, {
    enter(node) {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const callee = node.callee;
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
      if (!name) return;
      node.arguments.forEach((a, i) => {
        if (a.type === 'BooleanLiteral') (boolArgs.get(name) ?? boolArgs.set(name, new Set()).get(name)!).add(i);
      });
    },
  });
  const refsOf = new Map<Identifier, Node[]>();
  for (const b of bindings) if (b.kind === 'param') refsOf.set(b.id, b.refs.map((r) => r.id));
  const out: SelectorParam[] = [];
  for (const fn of fns) {
    const shortName = fn.name.split('.').pop() ?? fn.name;
    fn.params.forEach((p, index) => {
      const info = paramId(p);
      if (!info) return;
      const evidence = info.typed ? 'type' : info.defaulted ? 'default' : boolArgs.get(shortName)?.has(index) ? 'call-site' : null;
      if (!evidence) return;
      const refs = new Set(refsOf.get(info.id) ?? []);
      if (refs.size === 0) return;
      let branch: Node | null = null;
      walk(fn.node, {
        enter(node, _parent, ancestors) {
          if (branch) return false;
          if (refs.has(node)) branch = selectsBranch(node, ancestors);
          return undefined;
        },
      });
      if (branch) out.push({ fn, param: info.id, index, evidence, branch });
    });
  }
  return out;
}
