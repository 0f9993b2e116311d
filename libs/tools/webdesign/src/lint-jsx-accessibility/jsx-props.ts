import type { JSXAttribute, JSXElement, JSXOpeningElement, JSXSpreadAttribute, Node } from '@babel/types';

/**
 * The jsx-ast-utils semantics eslint-plugin-jsx-a11y builds on: props are looked up by name
 * case-insensitively, a spread never supplies a prop, and values are evaluated statically.
 */
export type Attr = JSXAttribute | JSXSpreadAttribute;

/** What a non-literal expression evaluates to: truthy, like jsx-ast-utils' rendering of it. */
export const UNKNOWN = '{expression}';

export function propName(a: JSXAttribute): string {
  return a.name.type === 'JSXNamespacedName' ? `${a.name.namespace.name}:${a.name.name.name}` : a.name.name;
}

export function getProp(attrs: Attr[], name: string): JSXAttribute | undefined {
  const lower = name.toLowerCase();
  for (const a of attrs) if (a.type === 'JSXAttribute' && propName(a).toLowerCase() === lower) return a;
  return undefined;
}

export const hasProp = (attrs: Attr[], name: string) => getProp(attrs, name) !== undefined;
export const hasAnyProp = (attrs: Attr[], names: string[]) => names.some((n) => hasProp(attrs, n));

// jsx-ast-utils turns the strings "true"/"false" into booleans.
const literal = (v: string) => (v === 'true' ? true : v === 'false' ? false : v);

/** getPropValue: what the prop evaluates to; non-literal expressions give a truthy marker. */
export function getPropValue(a: JSXAttribute | undefined): unknown {
  if (!a) return undefined;
  const v = a.value;
  if (v === null || v === undefined) return true;
  if (v.type === 'StringLiteral') return literal(v.value);
  if (v.type === 'JSXExpressionContainer') return evaluate(v.expression as Node, false);
  return UNKNOWN;
}

/** getLiteralPropValue: the value when it is a literal, null when it is an expression. */
export function getLiteralPropValue(a: JSXAttribute | undefined): unknown {
  if (!a) return undefined;
  const v = a.value;
  if (v === null || v === undefined) return true;
  if (v.type === 'StringLiteral') return literal(v.value);
  if (v.type === 'JSXExpressionContainer') return evaluate(v.expression as Node, true);
  return null;
}

function evaluate(e: Node, literalOnly: boolean): unknown {
  switch (e.type) {
    case 'StringLiteral':
      return literal(e.value);
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return e.value;
    case 'NullLiteral':
      return null;
    case 'JSXEmptyExpression':
      return literalOnly ? null : undefined;
    case 'Identifier':
      return e.name === 'undefined' ? undefined : literalOnly ? null : e.name;
    case 'TemplateLiteral':
      if (e.expressions.length === 0) return e.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
      return literalOnly ? null : e.quasis.map((q) => q.value.cooked ?? '').join('{}');
    case 'UnaryExpression':
      if (e.operator === '-' && e.argument.type === 'NumericLiteral') return -e.argument.value;
      if (e.operator === '!' && !literalOnly) {
        const inner = evaluate(e.argument, false);
        return inner === UNKNOWN ? UNKNOWN : !inner;
      }
      return literalOnly ? null : UNKNOWN;
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return evaluate(e.expression, literalOnly);
    default:
      return literalOnly ? null : UNKNOWN;
  }
}

/** The element's type name: `div`, `Foo`, `Foo.Bar`, `svg:circle`, mapped by options.components. */
export function elementName(node: JSXOpeningElement, components: Record<string, string>): string {
  const n = node.name;
  let raw: string;
  if (n.type === 'JSXIdentifier') raw = n.name;
  else if (n.type === 'JSXNamespacedName') raw = `${n.namespace.name}:${n.name.name}`;
  else {
    const parts: string[] = [];
    let cur: typeof n.object | typeof n = n;
    while (cur.type === 'JSXMemberExpression') {
      parts.unshift(cur.property.name);
      cur = cur.object;
    }
    parts.unshift(cur.name);
    raw = parts.join('.');
  }
  return Object.prototype.hasOwnProperty.call(components, raw) ? components[raw] : raw;
}

/** jsx-a11y's hasAccessibleChild. */
export function hasAccessibleChild(el: JSXElement, isHidden: (child: JSXElement) => boolean): boolean {
  const childOk = el.children.some((c) => {
    switch (c.type) {
      case 'JSXText':
        return !!c.value;
      case 'JSXElement':
        return !isHidden(c);
      case 'JSXExpressionContainer':
        // Even `{/* comment */}` counts, as in the plugin (ESTree keeps it as an expression container).
        return c.expression.type !== 'Identifier' || c.expression.name !== 'undefined';
      default:
        return false;
    }
  });
  return childOk || hasAnyProp(el.openingElement.attributes, ['dangerouslySetInnerHTML', 'children']);
}
