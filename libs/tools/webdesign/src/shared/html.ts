import { parse, type DefaultTreeAdapterTypes, type ParserError } from 'parse5';
import { ParseError } from '@mcp/core-response';

export type Element = DefaultTreeAdapterTypes.Element;
export type ParentNode = DefaultTreeAdapterTypes.ParentNode;
export type ChildNode = DefaultTreeAdapterTypes.ChildNode;
export type TextNode = DefaultTreeAdapterTypes.TextNode;
export type Template = DefaultTreeAdapterTypes.Template;

export interface HtmlDoc {
  text: string;
  document: DefaultTreeAdapterTypes.Document;
  /** parse5's parse errors (WHATWG names), in source order. */
  errors: ParserError[];
  /** Every element outside `<template>` contents, in document order. */
  elements: Element[];
  /** Elements inside `<template>` contents (inert: not rendered, not in the accessibility tree). */
  templateElements: Element[];
  html: Element | null;
  head: Element | null;
  body: Element | null;
  /** Elements by lower-cased tag name. */
  byTag: Map<string, Element[]>;
  /** Elements by id (first one wins for lookups, like getElementById). */
  byId: Map<string, Element>;
}

/**
 * Parses HTML with parse5 (source locations on). parse5 recovers from everything, so the
 * tree always exists; the errors are kept for web_validate_html and for `assertComplete`.
 */
export function parseHtml(text: string): HtmlDoc {
  const errors: ParserError[] = [];
  const document = parse(text, { sourceCodeLocationInfo: true, onParseError: (e) => errors.push(e) });
  const doc: HtmlDoc = {
    text,
    document,
    errors,
    elements: [],
    templateElements: [],
    html: null,
    head: null,
    body: null,
    byTag: new Map(),
    byId: new Map(),
  };
  preorder(document, false, doc.elements, doc.templateElements);
  for (const el of doc.elements) {
    const list = doc.byTag.get(el.tagName);
    if (list) list.push(el);
    else doc.byTag.set(el.tagName, [el]);
    const id = attr(el, 'id');
    if (id !== undefined && !doc.byId.has(id)) doc.byId.set(id, el);
  }
  doc.html = doc.byTag.get('html')?.[0] ?? null;
  doc.head = doc.byTag.get('head')?.[0] ?? null;
  doc.body = doc.byTag.get('body')?.[0] ?? null;
  return doc;
}

// Iterative pre-order walk: real pages nest deeper than a recursive walk should trust.
function preorder(root: ParentNode, inert: boolean, out: Element[], inertOut: Element[]): void {
  const stack: { node: ChildNode | ParentNode; inert: boolean }[] = [];
  const push = (parent: ParentNode, flag: boolean) => {
    const kids = parent.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], inert: flag });
  };
  push(root, inert);
  while (stack.length) {
    const { node, inert: flag } = stack.pop()!;
    if (!isElement(node as ChildNode)) continue;
    const el = node as Element;
    (flag ? inertOut : out).push(el);
    if (el.tagName === 'template') {
      // Template contents come after the template's (normally empty) children.
      const content = (el as Template).content;
      const kids = content.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], inert: true });
    }
    push(el, flag);
  }
}

export function isElement(node: ChildNode | ParentNode): node is Element {
  return (node as Element).tagName !== undefined;
}

export function isText(node: ChildNode): node is TextNode {
  return node.nodeName === '#text';
}

export function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

export function hasAttr(el: Element, name: string): boolean {
  return el.attrs.some((a) => a.name === name);
}

export function parentElement(el: Element): Element | null {
  const p = el.parentNode;
  return p && isElement(p as ParentNode) ? (p as Element) : null;
}

/** 1-based line and column of the element's start tag (line 1 for implied elements). */
export function position(el: Element): { line: number; column: number } {
  const loc = el.sourceCodeLocation;
  if (!loc) return { line: 1, column: 1 };
  const start = loc.startTag ?? loc;
  return { line: start.startLine, column: start.startCol };
}

/** 1-based position of an attribute, or of the element when it has none. */
export function attrPosition(el: Element, name: string): { line: number; column: number } {
  const loc = el.sourceCodeLocation?.attrs?.[name];
  return loc ? { line: loc.startLine, column: loc.startCol } : position(el);
}

/** Text of all descendant text nodes (template contents excluded), as `textContent`. */
export function textContent(el: Element): string {
  let out = '';
  const stack: ChildNode[] = [...el.childNodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) out += node.value;
    else if (isElement(node)) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
  return out;
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

// The tree never changes after parsing, so each parent's element children (and each
// element's index among them) are computed once: sibling queries stay O(1) in flat lists.
const childCache = new WeakMap<ParentNode, { list: Element[]; index: Map<Element, number> }>();

function children(el: ParentNode): { list: Element[]; index: Map<Element, number> } {
  let hit = childCache.get(el);
  if (!hit) {
    const list = el.childNodes.filter((n): n is Element => isElement(n));
    hit = { list, index: new Map(list.map((c, i) => [c, i])) };
    childCache.set(el, hit);
  }
  return hit;
}

export function elementChildren(el: ParentNode): Element[] {
  return children(el).list;
}

/** 0-based index of `el` among its parent's element children. */
export function elementIndex(el: Element): number {
  return el.parentNode ? (children(el.parentNode).index.get(el) ?? 0) : 0;
}

/** 1-based position of `el` among same-named siblings, and how many there are. */
const typeCache = new WeakMap<ParentNode, Map<string, Element[]>>();
export function sameTypeSiblings(el: Element): Element[] {
  const parent = el.parentNode;
  if (!parent) return [el];
  let byType = typeCache.get(parent);
  if (!byType) {
    byType = new Map();
    for (const c of children(parent).list) {
      const l = byType.get(c.tagName);
      if (l) l.push(c);
      else byType.set(c.tagName, [c]);
    }
    typeCache.set(parent, byType);
  }
  return byType.get(el.tagName) ?? [el];
}

/**
 * A CSS selector that finds the node, in the spirit of axe's `getSelector`: `#id` when the
 * id is unique, else a `>` path of `tag:nth-child(n)` steps up to the nearest unique id.
 */
export function selectorOf(el: Element, doc: HtmlDoc, idCounts: Map<string, number>): string {
  const steps: string[] = [];
  let cur: Element | null = el;
  while (cur) {
    const id = attr(cur, 'id');
    if (id && idCounts.get(id) === 1 && /^[A-Za-z_][\w-]*$/.test(id)) {
      steps.unshift(`#${id}`);
      break;
    }
    const parent: Element | null = parentElement(cur);
    let step = cur.tagName;
    if (parent && sameTypeSiblings(cur).length > 1) step += `:nth-child(${elementIndex(cur) + 1})`;
    steps.unshift(step);
    cur = parent;
  }
  return steps.join(' > ');
}

export function countIds(doc: HtmlDoc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const el of doc.elements) {
    const id = attr(el, 'id');
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

// parse5 errors after which the rest of the file was swallowed into a tag, comment, CDATA
// or doctype: an audit of the remaining tree would describe a document the author did not write.
const TRUNCATING = /^eof-in-(tag|comment|cdata|doctype|script-html-comment-like-text)$/;

/** Audits (not the validator) refuse a document whose tail was swallowed by an unclosed construct. */
export function assertComplete(doc: HtmlDoc): void {
  const fatal = doc.errors.find((e) => TRUNCATING.test(e.code));
  if (fatal) {
    const what = fatal.code.replace(/^eof-in-/, '').replace(/-/g, ' ');
    throw new ParseError(`${fatal.code}: the document ends inside an unclosed ${what}`, fatal.startLine, fatal.startCol);
  }
}
