import type { Node } from '@babel/types';

/** `foo`, `obj.key`, `a[0]` for member chains; undefined when the expression has no static name. */
export function staticName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'PrivateName':
      return `#${node.id.name}`;
    case 'StringLiteral':
      return node.value;
    case 'NumericLiteral':
      return String(node.value);
    case 'ThisExpression':
      return 'this';
    case 'Super':
      return 'super';
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const object = staticName(node.object);
      const property = node.computed ? (node.property.type === 'StringLiteral' || node.property.type === 'NumericLiteral' ? staticName(node.property) : undefined) : staticName(node.property);
      return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The name of a property key as written (`foo`, `"foo"`, `#foo`, `[computed]`). */
export function keyName(key: Node, computed = false): string {
  if (!computed) {
    const name = staticName(key);
    if (name !== undefined) return name;
  }
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key.value);
  return '[computed]';
}

/** The name a class is known by: its id, or the variable it is assigned to. */
function className(cls: Node, parent: Node | null): string {
  if ((cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') && cls.id) return cls.id.name;
  return bindingName(parent) ?? '<anonymous class>';
}

/** The name of what a value is bound to: `const x = ...`, `x = ...`, `{ x: ... }`. */
function bindingName(parent: Node | null): string | undefined {
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator') return staticName(parent.id);
  if (parent.type === 'AssignmentExpression') return staticName(parent.left);
  if (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') return keyName(parent.key, parent.computed);
  if (parent.type === 'AssignmentPattern') return staticName(parent.left);
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  return undefined;
}

/**
 * Names a function as TOOLS.md asks: `name`, `Class.method`, `object.key`, and
 * `<anonymous>@line` when nothing names it. `ancestors` is the chain above the function.
 */
export function functionName(fn: Node, ancestors: readonly Node[]): string {
  const parent = ancestors[ancestors.length - 1] ?? null;
  const line = fn.loc?.start.line ?? 0;
  if (fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') {
    // ancestors: ..., Class, ClassBody, method
    const cls = ancestors[ancestors.length - 2];
    const key = fn.type === 'ClassPrivateMethod' ? `#${fn.key.id.name}` : keyName(fn.key, fn.computed);
    return `${cls ? className(cls, ancestors[ancestors.length - 3] ?? null) : '<anonymous class>'}.${key}`;
  }
  if (fn.type === 'ObjectMethod') {
    const object = ancestors[ancestors.length - 2] ?? null;
    const owner = bindingName(object);
    const key = keyName(fn.key, fn.computed);
    return owner ? `${owner}.${key}` : key;
  }
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (parent) {
    if (parent.type === 'ObjectProperty') {
      const owner = bindingName(ancestors[ancestors.length - 3] ?? null);
      const key = keyName(parent.key, parent.computed);
      return owner ? `${owner}.${key}` : key;
    }
    if (parent.type === 'ClassProperty' || parent.type === 'ClassPrivateProperty') {
      const cls = ancestors[ancestors.length - 3];
      const key = parent.type === 'ClassPrivateProperty' ? `#${parent.key.id.name}` : keyName(parent.key, parent.computed);
      return `${cls ? className(cls, ancestors[ancestors.length - 4] ?? null) : '<anonymous class>'}.${key}`;
    }
    const bound = bindingName(parent);
    if (bound) return bound;
  }
  return `<anonymous>@${line}`;
}
