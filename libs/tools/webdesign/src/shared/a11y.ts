import { attr, collapse, hasAttr, isElement, isText, parentElement, type Element, type HtmlDoc } from './html';
import type { Styles } from './cascade';
import { ARIA_ATTRS, ROLE_TYPES } from './aria-standards';

/**
 * The accessibility-tree questions axe asks of a node, answered from the parsed tree and the
 * static cascade: visibility to assistive technology, roles, accessible names.
 */
export class A11yTree {
  private readonly hiddenCache = new Map<Element, boolean>();
  readonly labelsFor = new Map<string, Element[]>();

  constructor(
    readonly doc: HtmlDoc,
    readonly styles: Styles,
  ) {
    for (const label of doc.byTag.get('label') ?? []) {
      const f = attr(label, 'for');
      if (f) {
        const list = this.labelsFor.get(f) ?? [];
        list.push(label);
        this.labelsFor.set(f, list);
      }
    }
  }

  /** Not rendered: display:none (self or ancestor), `hidden`, UA-hidden elements. */
  isDisplayNone(el: Element): boolean {
    const hit = this.noneCache.get(el);
    if (hit !== undefined) return hit;
    const parent = parentElement(el);
    const none = this.styles.get(el).display === 'none' || (!!parent && this.isDisplayNone(parent));
    this.noneCache.set(el, none);
    return none;
  }
  private readonly noneCache = new Map<Element, boolean>();

  /** axe's isVisibleToScreenReaders: rendered, not visibility:hidden, no aria-hidden="true" or inert ancestor. */
  isHiddenForAT(el: Element): boolean {
    const hit = this.hiddenCache.get(el);
    if (hit !== undefined) return hit;
    let hidden = false;
    const parent = parentElement(el);
    if (attr(el, 'aria-hidden')?.trim().toLowerCase() === 'true' || hasAttr(el, 'inert')) hidden = true;
    else if (this.styles.get(el).display === 'none') hidden = true;
    else if (parent && this.isHiddenForAT(parent)) hidden = true;
    else if (this.styles.get(el).visibility !== 'visible') hidden = true;
    this.hiddenCache.set(el, hidden);
    return hidden;
  }

  /** Hidden from everyone (for text that a sighted user sees): display or visibility. */
  isHiddenVisually(el: Element): boolean {
    return this.isDisplayNone(el) || this.styles.get(el).visibility !== 'visible';
  }

  isFocusable(el: Element): boolean {
    if (this.isDisplayNone(el)) return false;
    if (isDisabled(el)) return false;
    const ti = parseTabindex(attr(el, 'tabindex'));
    if (ti !== null) return true;
    return isNativelyFocusable(el);
  }

  /** axe's get_role: the first valid explicit role (with the presentational-conflict rule), else implicit. */
  role(el: Element): string | null {
    const explicit = explicitRole(el);
    if (explicit && (explicit === 'none' || explicit === 'presentation')) {
      // Conflict resolution: a focusable element or one with global ARIA keeps its implicit role.
      if (this.isFocusable(el) || el.attrs.some((a) => ARIA_ATTRS[a.name]?.global && a.name !== 'aria-hidden')) return implicitRole(el);
      return explicit;
    }
    return explicit ?? implicitRole(el);
  }

  /** Accessible name, after the accname 1.2 steps axe implements (labelledby, label, native, content, title). */
  name(el: Element, ctx: { inLabelledBy?: boolean; visited?: Set<Element>; fromContent?: boolean } = {}): string {
    const visited = ctx.visited ?? new Set<Element>();
    if (visited.has(el)) return '';
    visited.add(el);
    if (!ctx.inLabelledBy && this.isHiddenForAT(el) && !ctx.fromContent) return '';
    if (ctx.fromContent && this.isHiddenForAT(el)) return '';
    if (!ctx.inLabelledBy) {
      const ids = (attr(el, 'aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      const parts = ids.map((id) => this.doc.byId.get(id)).filter((n): n is Element => !!n);
      const text = collapse(parts.map((p) => this.name(p, { inLabelledBy: true, visited })).join(' '));
      if (text) return text;
    }
    const label = collapse(attr(el, 'aria-label') ?? '');
    if (label) return label;
    const native = this.nativeName(el, visited);
    if (native) return native;
    const role = this.role(el);
    if (ctx.inLabelledBy || ctx.fromContent || (role && NAME_FROM_CONTENT.has(role))) {
      const text = this.subtreeText(el, visited);
      if (text) return text;
    }
    return collapse(attr(el, 'title') ?? '');
  }

  /** Text of the subtree as assistive technology reads it (axe's subtreeText). */
  subtreeText(el: Element, visited = new Set<Element>()): string {
    if (EMBEDDED.has(el.tagName)) return '';
    let out = '';
    for (const child of el.childNodes) {
      if (isText(child)) out += child.value;
      else if (isElement(child)) {
        if (this.isHiddenForAT(child)) continue;
        const t = child.tagName;
        const name = this.name(child, { fromContent: true, visited: new Set(visited) });
        out += BLOCK.has(t) ? ` ${name} ` : name;
      }
    }
    return collapse(out);
  }

  private nativeName(el: Element, visited: Set<Element>): string {
    const tag = el.tagName;
    const type = (attr(el, 'type') ?? '').toLowerCase();
    if (tag === 'img' || tag === 'area' || (tag === 'input' && type === 'image')) {
      const alt = collapse(attr(el, 'alt') ?? '');
      if (alt) return alt;
      if (tag === 'input' && type === 'image') return collapse(attr(el, 'value') ?? '') || 'Submit';
      return '';
    }
    if (tag === 'input' && ['button', 'submit', 'reset'].includes(type)) {
      const value = collapse(attr(el, 'value') ?? '');
      return value || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
    }
    if (isLabelable(el)) {
      const parts: string[] = [];
      const id = attr(el, 'id');
      for (const label of id ? (this.labelsFor.get(id) ?? []) : []) parts.push(this.labelText(label, el, visited));
      for (let p = parentElement(el); p; p = parentElement(p)) {
        if (p.tagName === 'label') {
          if (!attr(p, 'for') || attr(p, 'for') === id) parts.push(this.labelText(p, el, visited));
          break;
        }
      }
      const text = collapse(parts.join(' '));
      if (text) return text;
    }
    if (tag === 'fieldset') return this.childText(el, 'legend', visited);
    if (tag === 'figure') return this.childText(el, 'figcaption', visited);
    if (tag === 'table') return this.childText(el, 'caption', visited) || collapse(attr(el, 'summary') ?? '');
    if (tag === 'svg') return this.childText(el, 'title', visited);
    return '';
  }

  private childText(el: Element, tag: string, visited: Set<Element>): string {
    const child = el.childNodes.find((c): c is Element => isElement(c) && c.tagName === tag);
    return child ? this.subtreeText(child, visited) : '';
  }

  /** A label's text, without the control it labels (axe's inControlContext). */
  private labelText(label: Element, control: Element, visited: Set<Element>): string {
    if (this.isHiddenForAT(label)) return '';
    const v = new Set(visited);
    v.add(control);
    return this.subtreeText(label, v);
  }
}

// Roles whose name may come from content (ARIA 1.2 "name from: contents").
const NAME_FROM_CONTENT = new Set([
  'button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem', 'sectionhead',
  'doc-backlink', 'doc-biblioref', 'doc-glossref', 'doc-noteref',
]);
const EMBEDDED = new Set(['img', 'iframe', 'embed', 'object', 'video', 'audio', 'canvas', 'input', 'select', 'textarea']);
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'dt', 'dd', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'td', 'th', 'ul', 'br']);

export function parseTabindex(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*([-+]?\d+)/.exec(value);
  return m ? parseInt(m[1], 10) : null;
}

export function isLabelable(el: Element): boolean {
  if (el.tagName === 'input') return (attr(el, 'type') ?? '').toLowerCase() !== 'hidden';
  return ['select', 'textarea', 'button', 'meter', 'output', 'progress'].includes(el.tagName);
}

function isNativelyFocusable(el: Element): boolean {
  switch (el.tagName) {
    case 'a':
    case 'area':
      return hasAttr(el, 'href');
    case 'input':
      return (attr(el, 'type') ?? '').toLowerCase() !== 'hidden';
    case 'button':
    case 'select':
    case 'textarea':
    case 'iframe':
      return true;
    case 'summary':
      return parentElement(el)?.tagName === 'details';
    default:
      return hasAttr(el, 'contenteditable') && attr(el, 'contenteditable')?.toLowerCase() !== 'false';
  }
}

/** Disabled by attribute, by a disabled fieldset (outside its first legend), or by aria-disabled. */
export function isDisabled(el: Element): boolean {
  if (['button', 'input', 'select', 'textarea', 'option', 'optgroup', 'fieldset'].includes(el.tagName) && hasAttr(el, 'disabled')) return true;
  for (let p = parentElement(el), child: Element = el; p; child = p, p = parentElement(p)) {
    if (attr(p, 'aria-disabled')?.toLowerCase() === 'true') return true;
    if (p.tagName === 'fieldset' && hasAttr(p, 'disabled')) {
      const legend = p.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'legend');
      if (child !== legend) return true;
    }
  }
  return attr(el, 'aria-disabled')?.toLowerCase() === 'true';
}

/** The first token of `role` that is a valid, non-abstract role (ARIA's fallback roles). */
export function explicitRole(el: Element): string | null {
  const tokens = (attr(el, 'role') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  for (const t of tokens) if (ROLE_TYPES[t] && ROLE_TYPES[t] !== 'abstract') return t;
  return null;
}

const INPUT_ROLES: Record<string, string> = {
  button: 'button', image: 'button', reset: 'button', submit: 'button', checkbox: 'checkbox', radio: 'radio',
  range: 'slider', number: 'spinbutton', search: 'searchbox', email: 'textbox', tel: 'textbox', text: 'textbox', url: 'textbox', password: 'textbox',
};

/** The HTML-AAM implicit role of the elements the rules look at. */
export function implicitRole(el: Element): string | null {
  const tag = el.tagName;
  switch (tag) {
    case 'a':
    case 'area':
      return hasAttr(el, 'href') ? 'link' : null;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'ul':
    case 'ol':
    case 'menu':
      return 'list';
    case 'li':
      return 'listitem';
    case 'button':
      return 'button';
    case 'img':
      return attr(el, 'alt') === '' ? 'presentation' : 'img';
    case 'input':
      return INPUT_ROLES[(attr(el, 'type') ?? 'text').toLowerCase()] ?? (hasAttr(el, 'list') ? 'combobox' : 'textbox');
    case 'textarea':
      return 'textbox';
    case 'select':
      return hasAttr(el, 'multiple') || Number(attr(el, 'size') ?? '0') > 1 ? 'listbox' : 'combobox';
    case 'nav':
      return 'navigation';
    case 'main':
      return 'main';
    case 'table':
      return 'table';
    case 'dialog':
      return 'dialog';
    case 'form':
      return 'form';
    case 'hr':
      return 'separator';
    case 'option':
      return 'option';
    default:
      return null;
  }
}

