import type { Node } from '@babel/types';
import { VISITOR_KEYS } from './visitor-keys';

// Keys that hold positions, comments or parser extras rather than child nodes.
const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'comments', 'tokens', 'errors']);

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Child nodes in source order: Babel's VISITOR_KEYS, or every key for a type it does not list. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  const keys = VISITOR_KEYS[node.type];
  if (keys) {
    const rec = node as unknown as Record<string, unknown>;
    for (let k = 0; k < keys.length; k++) {
      const value = rec[keys[k]];
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (isNode(value[i])) out.push(value[i]);
      } else if (isNode(value)) out.push(value);
    }
    return out;
  }
  for (const key in node) {
    if (SKIP.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

export interface Visitor {
  /** Return false to skip the node's children. */
  enter?(node: Node, parent: Node | null, ancestors: readonly Node[]): boolean | void;
  leave?(node: Node, parent: Node | null, ancestors: readonly Node[]): void;
}

/** Depth-first walk in source order with the ancestor chain (closest last). */
export function walk(root: Node, visitor: Visitor): void {
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    const parent = ancestors.length > 0 ? ancestors[ancestors.length - 1] : null;
    if (visitor.enter?.(node, parent, ancestors) === false) return;
    ancestors.push(node);
    for (const child of childNodes(node)) visit(child);
    ancestors.pop();
    visitor.leave?.(node, parent, ancestors);
  };
  visit(root);
}

export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

export function isFunction(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** `a.b.c` for member chains of identifiers, `undefined` for anything computed. */
export function memberPath(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) {
    const obj = memberPath(node.object);
    const prop = node.property.type === 'Identifier' ? node.property.name : undefined;
    return obj && prop ? `${obj}.${prop}` : undefined;
  }
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.property.type === 'StringLiteral') {
    const obj = memberPath(node.object);
    return obj ? `${obj}.${node.property.value}` : undefined;
  }
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'ParenthesizedExpression') return memberPath(node.expression);
  return undefined;
}
