import type { JSXAttribute, JSXElement, JSXOpeningElement } from '@babel/types';
import {
  ALL_ROLES,
  ARIA_PROPS,
  DOM_ELEMENTS,
  INTERACTIVE_AX_ELEMENTS,
  INTERACTIVE_ELEMENTS,
  NON_INTERACTIVE_AX_ELEMENTS,
  NON_INTERACTIVE_ELEMENTS_A,
  NON_INTERACTIVE_ELEMENTS_B,
  REQUIRED_PROPS,
  ROLE_IS_INTERACTIVE,
  ROLE_IS_NON_INTERACTIVE,
  ABSTRACT_ROLES,
  SEMANTIC_ROLE_ELEMENTS,
  type ElementSchema,
} from './jsx-a11y-data';
import { getLiteralPropValue, getProp, getPropValue, hasAccessibleChild, hasAnyProp, hasProp, propName, type Attr } from './jsx-props';

const DOCS = 'https://github.com/jsx-eslint/eslint-plugin-jsx-a11y/blob/main/docs/rules/';

export const RULE_SUMMARIES: Record<string, string> = {
  'alt-text': 'img, area, input[type="image"] and object need a text alternative',
  'anchor-is-valid': 'Anchors need a valid, navigable href (use a button for actions)',
  'click-events-have-key-events': 'onClick on a non-interactive element needs a keyboard handler too',
  'no-static-element-interactions': 'Static elements (div, span) should not have interaction handlers',
  'label-has-associated-control': 'A label needs text and an associated control (nested or htmlFor)',
  'no-autofocus': 'The autoFocus prop reduces usability and accessibility',
  'aria-props': 'aria-* props must be valid ARIA attributes',
  'role-has-required-aria-props': 'Elements with an ARIA role must have the role\'s required aria-* props',
  'heading-has-content': 'Headings must have content accessible to screen readers',
  'iframe-has-title': '<iframe> elements must have a title',
};
export const docsOf = (id: string) => `${DOCS}${id}.md`;

export interface JsxContext {
  type(node: JSXOpeningElement): string;
  report(ruleId: string, node: JSXOpeningElement | JSXAttribute, message: string, fix: string): void;
}

const matchesSchema = (tag: string, attrs: Attr[], s: ElementSchema) =>
  tag === s.name &&
  (s.attributes ?? []).every((base) =>
    attrs.some((a) => a.type === 'JSXAttribute' && propName(a) === base.name && (base.value === undefined || base.value === getLiteralPropValue(a))),
  );

function isInteractiveElement(tag: string, attrs: Attr[]): boolean {
  if (!DOM_ELEMENTS.has(tag)) return false;
  if (INTERACTIVE_ELEMENTS.some((s) => matchesSchema(tag, attrs, s))) return true;
  if (NON_INTERACTIVE_ELEMENTS_A.some((s) => matchesSchema(tag, attrs, s))) return false;
  return INTERACTIVE_AX_ELEMENTS.some((s) => matchesSchema(tag, attrs, s));
}

function isNonInteractiveElement(tag: string, attrs: Attr[]): boolean {
  if (!DOM_ELEMENTS.has(tag) || tag === 'header') return false;
  const m = (s: ElementSchema) => tag !== 'td' && matchesSchema(tag, attrs, s);
  if (NON_INTERACTIVE_ELEMENTS_B.some(m)) return true;
  if (INTERACTIVE_ELEMENTS.some(m)) return false;
  return NON_INTERACTIVE_AX_ELEMENTS.some(m);
}

function firstValidRole(attrs: Attr[]): string | null | undefined {
  const value = getLiteralPropValue(getProp(attrs, 'role'));
  if (value === undefined || value === null) return value as null | undefined;
  return String(value).toLowerCase().split(' ').find((r) => ALL_ROLES.has(r)) ?? null;
}

const isInteractiveRole = (attrs: Attr[]) => {
  const r = firstValidRole(attrs);
  return !!r && ROLE_IS_INTERACTIVE.has(r);
};
const isNonInteractiveRole = (tag: string, attrs: Attr[]) => {
  if (!DOM_ELEMENTS.has(tag)) return false;
  const r = firstValidRole(attrs);
  return !!r && ROLE_IS_NON_INTERACTIVE.has(r);
};
const isAbstractRole = (tag: string, attrs: Attr[]) => DOM_ELEMENTS.has(tag) && ABSTRACT_ROLES.has(String(getLiteralPropValue(getProp(attrs, 'role'))));
const isPresentationRole = (attrs: Attr[]) => ['presentation', 'none'].includes(String(getLiteralPropValue(getProp(attrs, 'role'))));

export function isHiddenFromScreenReader(tag: string, attrs: Attr[]): boolean {
  if (tag.toUpperCase() === 'INPUT') {
    const t = getLiteralPropValue(getProp(attrs, 'type'));
    if (typeof t === 'string' && t.toUpperCase() === 'HIDDEN') return true;
  }
  return getPropValue(getProp(attrs, 'aria-hidden')) === true;
}

const labelHasValue = (a: JSXAttribute | undefined) => {
  const v = getPropValue(a);
  return v !== undefined && !(typeof v === 'string' && v.length === 0);
};

function altOk(a: JSXAttribute): boolean {
  const v = getPropValue(a);
  return (!!v && a.value !== null) || v === '';
}

export function altText(ctx: JsxContext, node: JSXOpeningElement, el: JSXElement, tag: string): void {
  const attrs = node.attributes;
  if (tag === 'img') {
    const alt = getProp(attrs, 'alt');
    if (!alt) {
      if (isPresentationRole(attrs)) {
        ctx.report('alt-text', node, 'Prefer alt="" over a presentational role. First rule of aria is to not use aria if it can be achieved via native HTML.', 'Replace role="presentation" with alt=""');
        return;
      }
      for (const name of ['aria-label', 'aria-labelledby']) {
        const p = getProp(attrs, name);
        if (p) {
          if (!labelHasValue(p)) ctx.report('alt-text', node, `The ${name} attribute must have a value. The alt attribute is preferred over ${name} for images.`, 'Add an alt prop that describes the image');
          return;
        }
      }
      ctx.report('alt-text', node, 'img elements must have an alt prop, either with meaningful text, or an empty string for decorative images.', 'Add alt="..." describing the image, or alt="" if it is decorative');
      return;
    }
    if (!altOk(alt)) ctx.report('alt-text', node, 'Invalid alt value for img. Use alt="" for presentational images.', 'Give alt a string: the text alternative, or "" for a decorative image');
    return;
  }
  const labelled = labelHasValue(getProp(attrs, 'aria-label')) || labelHasValue(getProp(attrs, 'aria-labelledby'));
  if (tag === 'object') {
    if (labelled || !!getLiteralPropValue(getProp(attrs, 'title')) || hasAccessibleChild(el, (c) => isHiddenFromScreenReader(ctx.type(c.openingElement), c.openingElement.attributes))) return;
    ctx.report('alt-text', node, 'Embedded <object> elements must have alternative text by providing inner text, aria-label or aria-labelledby props.', 'Put fallback text inside the <object>, or add aria-label');
    return;
  }
  if (tag === 'area' || (tag === 'input' && getPropValue(getProp(attrs, 'type')) === 'image')) {
    if (labelled) return;
    const alt = getProp(attrs, 'alt');
    if (alt && altOk(alt)) return;
    const msg =
      tag === 'area'
        ? 'Each area of an image map must have a text alternative through the `alt`, `aria-label`, or `aria-labelledby` prop.'
        : '<input> elements with type="image" must have a text alternative through the `alt`, `aria-label`, or `aria-labelledby` prop.';
    ctx.report('alt-text', node, msg, 'Add an alt prop naming what the control or region does');
  }
}

const JS_HREF = /^\W*?javascript:/;

export function anchorIsValid(ctx: JsxContext, node: JSXOpeningElement): void {
  const attrs = node.attributes;
  const href = getPropValue(getProp(attrs, 'href'));
  const hasSpread = attrs.some((a) => a.type === 'JSXSpreadAttribute');
  const onClick = getProp(attrs, 'onClick');
  if (href === undefined || href === null) {
    if (hasSpread) return;
    if (onClick) ctx.report('anchor-is-valid', node, 'Anchor used as a button. Anchors are primarily expected to navigate. Use the button element instead.', 'Use <button type="button"> for actions');
    else ctx.report('anchor-is-valid', node, 'The href attribute is required for an anchor to be keyboard accessible. Provide a valid, navigable address as the href value.', 'Add an href, or use a <button> styled as a link');
    return;
  }
  if (typeof href === 'string' && (!href.length || href === '#' || JS_HREF.test(href))) {
    if (onClick) ctx.report('anchor-is-valid', node, `Anchor used as a button (href="${href}" with onClick). Anchors are primarily expected to navigate. Use the button element instead.`, 'Use <button type="button"> for actions');
    else ctx.report('anchor-is-valid', node, `The href attribute requires a valid value to be accessible ("${href}" does not navigate).`, 'Point href at a real URL, or use a <button>');
  }
}

export function clickEventsHaveKeyEvents(ctx: JsxContext, node: JSXOpeningElement, tag: string): void {
  const attrs = node.attributes;
  if (!getProp(attrs, 'onclick') || !DOM_ELEMENTS.has(tag)) return;
  if (isHiddenFromScreenReader(tag, attrs) || isPresentationRole(attrs) || isInteractiveElement(tag, attrs)) return;
  if (hasAnyProp(attrs, ['onkeydown', 'onkeyup', 'onkeypress'])) return;
  ctx.report('click-events-have-key-events', node, `Visible, non-interactive <${tag}> with a click handler must have at least one keyboard listener.`, 'Add onKeyDown (Enter/Space) alongside onClick, or use a <button>');
}

const HANDLERS = ['onClick', 'onMouseDown', 'onMouseUp', 'onKeyPress', 'onKeyDown', 'onKeyUp'];

export function noStaticElementInteractions(ctx: JsxContext, node: JSXOpeningElement, tag: string): void {
  const attrs = node.attributes;
  const handlers = HANDLERS.filter((h) => hasProp(attrs, h) && getPropValue(getProp(attrs, h)) != null);
  if (!DOM_ELEMENTS.has(tag) || !handlers.length) return;
  if (isHiddenFromScreenReader(tag, attrs) || isPresentationRole(attrs)) return;
  if (isInteractiveElement(tag, attrs) || isInteractiveRole(attrs) || isNonInteractiveElement(tag, attrs) || isNonInteractiveRole(tag, attrs) || isAbstractRole(tag, attrs)) return;
  // allowExpressionValues: a role computed at run time is given the benefit of the doubt.
  const role = getProp(attrs, 'role');
  if (role?.value && role.value.type === 'JSXExpressionContainer' && !(role.value.expression.type === 'Identifier' && role.value.expression.name === 'undefined')) return;
  ctx.report('no-static-element-interactions', node, `Avoid non-native interactive elements: <${tag}> has ${handlers.join(', ')}. If using native HTML is not possible, add an appropriate role and support for tabbing, mouse, keyboard, and touch inputs.`, `Use a <button> (or give the <${tag}> a role such as "button", tabIndex={0} and key handlers)`);
}

const CONTROLS = ['input', 'meter', 'output', 'progress', 'select', 'textarea'];

function mayContainChild(el: JSXElement, names: string[], depth: number, type: (n: JSXOpeningElement) => string): boolean {
  const stack: { node: JSXElement; d: number }[] = [{ node: el, d: 0 }];
  while (stack.length) {
    const { node, d } = stack.pop()!;
    if (d > depth) continue;
    if (d > 0) {
      const t = type(node.openingElement);
      if (names.includes(t)) return true;
    }
    for (const c of node.children) {
      if (c.type === 'JSXElement') stack.push({ node: c, d: d + 1 });
      // An expression child may render anything, including a control.
      else if (c.type === 'JSXExpressionContainer' && c.expression.type !== 'JSXEmptyExpression' && d + 1 <= depth) return true;
    }
  }
  return false;
}

function mayHaveAccessibleLabel(el: JSXElement, depth: number, type: (n: JSXOpeningElement) => string): boolean {
  const stack: { node: JSXElement['children'][number] | JSXElement; d: number }[] = [{ node: el, d: 0 }];
  while (stack.length) {
    const { node, d } = stack.pop()!;
    if (d > depth) continue;
    if (node.type === 'JSXExpressionContainer') return true;
    if (node.type === 'JSXText' && node.value.trim()) return true;
    if (node.type === 'JSXElement') {
      const attrs = node.openingElement.attributes;
      // A spread may carry a labelling prop: the plugin assumes it does.
      if (attrs.some((a) => a.type === 'JSXSpreadAttribute')) return true;
      const labelling = (a: JSXAttribute | undefined) => {
        const v = getPropValue(a);
        return typeof v === 'string' ? v.trim() !== '' : !!v;
      };
      if (['alt', 'aria-label', 'aria-labelledby'].some((p) => labelling(getProp(attrs, p)))) return true;
      const name = type(node.openingElement);
      if (node.children.length === 0 && name && name[0] === name[0].toUpperCase() && name[0] !== name[0].toLowerCase() && !CONTROLS.includes(name)) return true;
      for (const c of node.children) stack.push({ node: c, d: d + 1 });
    }
  }
  return false;
}

export function labelHasAssociatedControl(ctx: JsxContext, node: JSXOpeningElement, el: JSXElement): void {
  const attrs = node.attributes;
  const htmlFor = getProp(attrs, 'htmlFor');
  const hasLabelId = !!htmlFor && !!getPropValue(htmlFor);
  const nested = mayContainChild(el, CONTROLS, 2, ctx.type);
  if (!mayHaveAccessibleLabel(el, 2, ctx.type)) {
    ctx.report('label-has-associated-control', node, 'A form label must have accessible text.', 'Put the label text inside the <label>');
    return;
  }
  if (hasLabelId || nested) return;
  ctx.report('label-has-associated-control', node, 'A form label must be associated with a control.', 'Add htmlFor="<control id>" or nest the control inside the <label>');
}

export function ariaProps(ctx: JsxContext, attr: JSXAttribute): void {
  const name = propName(attr);
  if (!name.startsWith('aria-') || ARIA_PROPS.has(name)) return;
  const suggestion = [...ARIA_PROPS].find((p) => distance(p, name) <= 2);
  ctx.report('aria-props', attr, `${name}: This attribute is an invalid ARIA attribute.${suggestion ? ` Did you mean to use ${suggestion}?` : ''}`, suggestion ? `Rename it to ${suggestion}` : 'Remove it or use a valid aria-* attribute');
}

function isSemanticRoleElement(tag: string, attrs: Attr[]): boolean {
  const role = getLiteralPropValue(getProp(attrs, 'role'));
  return SEMANTIC_ROLE_ELEMENTS.some(
    (s) =>
      s.name === tag &&
      (s.attributes ?? []).every((c) => attrs.some((a) => a.type === 'JSXAttribute' && propName(a) === c.name && (c.value === undefined || c.value === getLiteralPropValue(a)))) &&
      s.roles.includes(String(role)),
  );
}

export function roleHasRequiredAriaProps(ctx: JsxContext, attr: JSXAttribute, tag: string, attrs: Attr[]): void {
  if (propName(attr).toLowerCase() !== 'role' || !DOM_ELEMENTS.has(tag)) return;
  const value = getLiteralPropValue(attr);
  if (value === undefined || value === null) return;
  if (isSemanticRoleElement(tag, attrs)) return;
  for (const role of String(value).toLowerCase().split(' ').filter((r) => ALL_ROLES.has(r))) {
    const required = REQUIRED_PROPS[role] ?? [];
    if (required.length && !required.every((p) => getProp(attrs, p))) {
      ctx.report('role-has-required-aria-props', attr, `Elements with the ARIA role "${role}" must have the following attributes defined: ${required.join(',')}`, `Add ${required.filter((p) => !getProp(attrs, p)).map((p) => `${p}={...}`).join(' ')}`);
    }
  }
}

export function headingHasContent(ctx: JsxContext, node: JSXOpeningElement, el: JSXElement, tag: string): void {
  if (hasAccessibleChild(el, (c) => isHiddenFromScreenReader(ctx.type(c.openingElement), c.openingElement.attributes))) return;
  if (isHiddenFromScreenReader(tag, node.attributes)) return;
  ctx.report('heading-has-content', node, `<${tag}>: Headings must have content and the content must be accessible by a screen reader.`, 'Put the heading text inside the element (not only aria-hidden content)');
}

export function iframeHasTitle(ctx: JsxContext, node: JSXOpeningElement): void {
  const title = getPropValue(getProp(node.attributes, 'title'));
  if (title && typeof title === 'string') return;
  ctx.report('iframe-has-title', node, '<iframe> elements must have a unique title property.', 'Add title="..." describing the embedded content');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
