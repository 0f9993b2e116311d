import type { Node } from '@babel/types';
import type { ParsedModule } from './parse';
import { walk } from '@mcp/core-js';

export interface MagicNumber {
  node: Node;
  value: number;
  raw: string;
  /** The closest enclosing function node, if any. */
  fn: Node | null;
  /** The ancestors of the literal, outermost first. */
  chain: Node[];
}

/**
 * Numeric literals in expressions that should be named constants (TOOLS.md's no-magic-numbers):
 * exempt are the ignore list, enum members, default parameter values, parseInt radixes, types,
 * object property values (ESLint's detectObjects: false), and a `const` whose whole initializer
 * is a literal or an array/object literal of literals.
 */
export function magicNumbers(mod: ParsedModule, ignore: readonly number[]): MagicNumber[] {
  const out: MagicNumber[] = [];
  walk(mod.ast.program, {
    enter(node, parent, ancestors) {
      if (TYPE_ONLY.has(node.type)) return false; // enum members and literal types are not magic
      if (node.type !== 'NumericLiteral' && node.type !== 'BigIntLiteral') return undefined;
      let target: Node = node;
      let p: Node | null = parent;
      let value = node.type === 'NumericLiteral' ? node.value : Number(node.value);
      let raw = mod.code.slice(node.start ?? 0, node.end ?? 0);
      let depth = ancestors.length - 1;
      if (p && p.type === 'UnaryExpression' && (p.operator === '-' || p.operator === '+')) {
        if (p.operator === '-') value = -value;
        raw = mod.code.slice(p.start ?? 0, p.end ?? 0);
        target = p;
        depth--;
        p = ancestors[depth] ?? null;
      }
      if (ignore.includes(value)) return undefined;
      if (!p) return undefined;
      if (exempt(target, p, ancestors.slice(0, depth + 1))) return undefined;
      const fn = [...ancestors].reverse().find((a) => /Function|Method/.test(a.type) && 'body' in a) ?? null;
      out.push({ node: target, value, raw, fn, chain: ancestors.slice(0, depth + 1) });
      return undefined;
    },
  });
  return out;
}

const TYPE_ONLY = new Set(['TSEnumDeclaration', 'TSLiteralType', 'TSTypeAnnotation', 'TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSTypeParameterInstantiation', 'TSTypeParameterDeclaration', 'TSDeclareFunction']);

function isLiteralValue(n: Node): boolean {
  if (n.type === 'NumericLiteral' || n.type === 'StringLiteral' || n.type === 'BooleanLiteral' || n.type === 'NullLiteral' || n.type === 'BigIntLiteral' || n.type === 'RegExpLiteral') return true;
  if (n.type === 'TemplateLiteral') return n.expressions.length === 0;
  if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) return isLiteralValue(n.argument);
  if (n.type === 'ArrayExpression') return n.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isLiteralValue(e as Node));
  if (n.type === 'ObjectExpression') return n.properties.every((p) => p.type === 'ObjectProperty' && !p.computed && isLiteralValue(p.value as Node));
  if (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression') return isLiteralValue(n.expression);
  return false;
}

function exempt(lit: Node, parent: Node, chain: Node[]): boolean {
  // parseInt(x, 10) / Number.parseInt(x, 16)
  if (parent.type === 'CallExpression' && parent.arguments[1] === lit) {
    const c = parent.callee;
    if ((c.type === 'Identifier' && c.name === 'parseInt') || (c.type === 'MemberExpression' && c.property.type === 'Identifier' && c.property.name === 'parseInt')) return true;
  }
  // Default parameter values.
  if (parent.type === 'AssignmentPattern' && parent.right === lit) return true;
  // Object property values (ESLint detectObjects: false) and class field initial values.
  if (parent.type === 'ObjectProperty' && parent.value === lit) return true;
  if ((parent.type === 'ClassProperty' || parent.type === 'ClassPrivateProperty') && parent.value === lit) return true;
  // A const whose whole initializer is a literal, or an array/object literal of literals.
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = chain[i];
    if (a.type === 'VariableDeclarator') {
      const decl = chain[i - 1];
      return decl?.type === 'VariableDeclaration' && decl.kind === 'const' && a.init !== null && a.init !== undefined && isLiteralValue(a.init);
    }
    if (a.type !== 'ArrayExpression' && a.type !== 'ObjectExpression' && a.type !== 'ObjectProperty' && a.type !== 'UnaryExpression' && a.type !== 'TSAsExpression' && a.type !== 'TSSatisfiesExpression') break;
  }
  return false;
}
