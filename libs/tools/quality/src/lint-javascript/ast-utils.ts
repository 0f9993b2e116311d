import type { Node } from '@babel/types';

const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range']);

/** Token-level equality of two expressions (ESLint compares their tokens; positions and comments do not matter). */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameStructure(x, b[i]));
  const ka = Object.keys(a).filter((k) => !SKIP.has(k));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  if ((ao.extra as { raw?: string } | undefined)?.raw !== (bo.extra as { raw?: string } | undefined)?.raw) return false;
  return ka.every((k) => sameStructure(ao[k], bo[k]));
}

/** ESLint's getStaticPropertyName for object keys. */
export function staticKey(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  switch (key.type) {
    case 'StringLiteral':
      return key.value;
    case 'NumericLiteral':
      return String(key.value);
    case 'BigIntLiteral':
      return String(BigInt(key.value));
    case 'NullLiteral':
      return 'null';
    case 'BooleanLiteral':
      return String(key.value);
    case 'RegExpLiteral':
      return `/${key.pattern}/${key.flags}`;
    case 'TemplateLiteral':
      return key.expressions.length === 0 ? (key.quasis[0].value.cooked ?? undefined) : undefined;
    case 'PrivateName':
      return undefined;
    default:
      return undefined;
  }
}

/** ESLint's astUtils.isConstant: is the value (or its truthiness, in a boolean position) fixed? */
export function isConstant(node: Node, inBoolean: boolean, shadowed: (name: string) => boolean = () => false): boolean {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'RegExpLiteral':
    case 'BigIntLiteral':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'ClassExpression':
    case 'ObjectExpression':
      return true;
    case 'TemplateLiteral':
      return (inBoolean && node.quasis.some((q) => q.value.cooked)) || node.expressions.every((e) => isConstant(e as Node, false, shadowed));
    case 'ArrayExpression':
      return !inBoolean ? node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isConstant(e as Node, false, shadowed)) : true;
    case 'UnaryExpression':
      if (node.operator === 'void' || (node.operator === 'typeof' && inBoolean)) return true;
      if (node.operator === '!') return isConstant(node.argument, true, shadowed);
      return isConstant(node.argument, false, shadowed);
    case 'BinaryExpression':
      return node.left.type !== 'PrivateName' && isConstant(node.left, false, shadowed) && isConstant(node.right, false, shadowed) && node.operator !== 'in';
    case 'LogicalExpression': {
      const left = isConstant(node.left, inBoolean, shadowed);
      const right = isConstant(node.right, inBoolean, shadowed);
      return (left && right) || isLogicalIdentity(node.left, node.operator) || isLogicalIdentity(node.right, node.operator);
    }
    case 'NewExpression':
      return inBoolean;
    case 'AssignmentExpression':
      if (node.operator === '=') return isConstant(node.right, inBoolean, shadowed);
      if (['||=', '&&='].includes(node.operator) && inBoolean) return isLogicalIdentity(node.right, node.operator.slice(0, -1));
      return false;
    case 'SequenceExpression':
      return isConstant(node.expressions[node.expressions.length - 1], inBoolean, shadowed);
    case 'Identifier':
      return node.name === 'undefined' && !shadowed('undefined');
    case 'CallExpression':
      if (node.callee.type === 'Identifier' && node.callee.name === 'Boolean' && !shadowed('Boolean')) {
        return node.arguments.length === 0 || isConstant(node.arguments[0] as Node, true, shadowed);
      }
      return false;
    default:
      return false;
  }
}

function isLogicalIdentity(node: Node, operator: string): boolean {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return (operator === '||' && Boolean(literalValue(node))) || (operator === '&&' && !literalValue(node));
    case 'UnaryExpression':
      return operator === '&&' && node.operator === 'void';
    case 'LogicalExpression':
      return operator === node.operator && (isLogicalIdentity(node.left, operator) || isLogicalIdentity(node.right, operator));
    case 'AssignmentExpression':
      return ['||=', '&&='].includes(node.operator) && operator === node.operator.slice(0, -1) && isLogicalIdentity(node.right, operator);
    default:
      return false;
  }
}

function literalValue(node: Node): unknown {
  return node.type === 'NullLiteral' ? null : (node as { value: unknown }).value;
}
