import type { Atrule, CssNode, Declaration, Selector, StyleSheet } from 'css-tree';
import { attr, hasAttr, parentElement, position, textContent, type Element, type HtmlDoc } from './html';
import {
  childrenOf,
  declarationsOf,
  eachStyleRule,
  parseInlineStyle,
  parseStylesheet,
  selectorsOf,
  specificity,
  valueText,
  type Specificity,
} from './css';
import { matches } from './selector-match';
import { parseColor } from './color';

export interface CssFile {
  path: string;
  content: string;
}

interface IndexedRule {
  selector: Selector;
  specificity: Specificity;
  order: number;
  decls: { property: string; value: string; important: boolean }[];
}

/** One element's cascaded values for the properties the tools read. */
export interface Computed {
  color: string;
  backgroundColor: string;
  backgroundImage: string;
  opacity: number;
  fontSizePx: number;
  fontWeight: number;
  display: string;
  visibility: string;
  position: string;
  textShadow: string;
  width?: string;
  height?: string;
  aspectRatio?: string;
  /** Properties whose value could not be resolved statically (var(), calc(), unknown units). */
  unresolved: Set<string>;
  /** Inherited custom properties (`--name` -> raw value). */
  vars: Map<string, string>;
}

const READ = new Set([
  'color',
  'background',
  'background-color',
  'background-image',
  'opacity',
  'font',
  'font-size',
  'font-weight',
  'display',
  'visibility',
  'position',
  'text-shadow',
  'width',
  'height',
  'aspect-ratio',
]);

/**
 * The author stylesheets of a page, indexed by each selector's rightmost id, class or tag
 * so that an element is only tested against rules that can match it. Media queries are
 * evaluated for a 1280x720 desktop screen in light mode (what axe sees in a default
 * headless Chromium); `print` and `speech` rules never apply.
 */
export class StyleIndex {
  private readonly byId = new Map<string, IndexedRule[]>();
  private readonly byClass = new Map<string, IndexedRule[]>();
  private readonly byTag = new Map<string, IndexedRule[]>();
  private readonly universal: IndexedRule[] = [];
  private order = 0;
  readonly stylesheets: string[] = [];

  add(ast: StyleSheet, label: string): void {
    this.stylesheets.push(label);
    eachStyleRule(ast, (rule, atrules) => {
      if (!atrules.every(applies)) return;
      const decls = declarationsOf(rule.block)
        .filter((d) => READ.has(d.property.toLowerCase()) || d.property.startsWith('--'))
        .map((d) => ({ property: d.property.startsWith('--') ? d.property : d.property.toLowerCase(), value: valueText(d), important: !!d.important }));
      if (!decls.length) return;
      for (const selector of selectorsOf(rule)) {
        const entry: IndexedRule = { selector, specificity: specificity(selector), order: this.order++, decls };
        this.bucket(selector).push(entry);
      }
    });
  }

  private bucket(selector: Selector): IndexedRule[] {
    const parts = childrenOf<CssNode>(selector);
    let i = parts.length - 1;
    while (i >= 0 && parts[i].type === 'PseudoElementSelector') i--;
    let tag: string | undefined;
    let cls: string | undefined;
    for (; i >= 0 && parts[i].type !== 'Combinator'; i--) {
      const p = parts[i];
      if (p.type === 'IdSelector') return push(this.byId, p.name);
      if (p.type === 'ClassSelector') cls ??= p.name;
      if (p.type === 'TypeSelector' && p.name !== '*') tag = p.name.toLowerCase();
    }
    if (cls) return push(this.byClass, cls);
    if (tag) return push(this.byTag, tag);
    return this.universal;
  }

  /** The rule lists that may hold a match for `el` (no copying: called for every element). */
  candidates(el: Element): IndexedRule[][] {
    const out: IndexedRule[][] = [];
    if (this.universal.length) out.push(this.universal);
    const id = attr(el, 'id');
    const byId = id ? this.byId.get(id) : undefined;
    if (byId) out.push(byId);
    const cls = attr(el, 'class');
    if (cls && this.byClass.size) {
      const seen = new Set<string>();
      for (const c of cls.split(/\s+/)) {
        if (!c || seen.has(c)) continue;
        seen.add(c);
        const list = this.byClass.get(c);
        if (list) out.push(list);
      }
    }
    const byTag = this.byTag.get(el.tagName);
    if (byTag) out.push(byTag);
    return out;
  }
}

function push(map: Map<string, IndexedRule[]>, key: string): IndexedRule[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function applies(at: Atrule): boolean {
  const name = at.name.toLowerCase();
  if (name === 'media') return mediaApplies(at.prelude ? textOf(at.prelude) : '');
  // @supports, @layer, @container, @scope: assume the page's features are supported.
  return true;
}

function textOf(node: CssNode): string {
  if (node.type === 'Raw') return node.value;
  if (node.type === 'AtrulePrelude') return childrenOf<CssNode>(node).map(textOf).join(' ');
  if (node.type === 'MediaQueryList') return childrenOf<CssNode>(node).map(textOf).join(', ');
  if (node.type === 'MediaQuery') {
    const bits = [node.modifier ?? '', node.mediaType ?? ''].filter(Boolean);
    return `${bits.join(' ')}${node.condition ? `${bits.length ? ' and ' : ''}${textOf(node.condition)}` : ''}`;
  }
  if (node.type === 'Condition') return childrenOf<CssNode>(node).map(textOf).join(' ');
  if (node.type === 'Feature') return `(${node.name}${node.value ? `: ${textOf(node.value)}` : ''})`;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Dimension') return `${node.value}${node.unit}`;
  if (node.type === 'Number') return node.value;
  if (node.type === 'Ratio') return `${textOf(node.left)}/${node.right ? textOf(node.right) : ''}`;
  if (node.type === 'GeneralEnclosed' || node.type === 'FeatureRange') return '(unknown)';
  return '';
}

const VIEWPORT = { width: 1280, height: 720 };

/** Evaluates a media query list against the assumed desktop screen. */
export function mediaApplies(query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return q.split(',').some((one) => {
    let text = one.trim();
    let negate = false;
    if (text.startsWith('not ')) {
      negate = true;
      text = text.slice(4);
    }
    text = text.replace(/^only\s+/, '');
    const typeMatch = /^([a-z-]+)/.exec(text);
    let ok = true;
    if (typeMatch && !text.startsWith('(')) {
      const type = typeMatch[1];
      ok = type === 'all' || type === 'screen';
    }
    for (const m of text.matchAll(/\(\s*([a-z-]+)\s*(?::\s*([^)]+))?\)/g)) ok &&= feature(m[1], m[2]?.trim());
    return negate ? !ok : ok;
  });
}

function feature(name: string, value: string | undefined): boolean {
  const px = (v: string) => {
    const m = /^(-?[\d.]+)(px|em|rem)?$/.exec(v.replace(/\s+/g, ''));
    return m ? Number(m[1]) * (m[2] === 'em' || m[2] === 'rem' ? 16 : 1) : NaN;
  };
  switch (name) {
    case 'min-width':
      return VIEWPORT.width >= px(value ?? '');
    case 'max-width':
      return VIEWPORT.width <= px(value ?? '');
    case 'min-height':
      return VIEWPORT.height >= px(value ?? '');
    case 'max-height':
      return VIEWPORT.height <= px(value ?? '');
    case 'orientation':
      return value === 'landscape';
    case 'prefers-color-scheme':
      return value === 'light';
    case 'prefers-reduced-motion':
    case 'prefers-contrast':
    case 'forced-colors':
    case 'prefers-reduced-transparency':
      return value === 'no-preference' || value === 'none';
    case 'hover':
    case 'any-hover':
      return value === undefined || value === 'hover';
    case 'pointer':
    case 'any-pointer':
      return value === undefined || value === 'fine';
    case 'color':
      return true;
    default:
      return false;
  }
}

/**
 * Collects a page's stylesheets in cascade order: `<style>` blocks and `<link
 * rel=stylesheet>` (a `files` entry whose path the href ends with) in document order, then
 * any `files` entry no link names. Parse errors throw with the file's path, or for a `<style>`
 * block the line and column inside the HTML.
 */
export function buildStyleIndex(doc: HtmlDoc, files: CssFile[] = []): StyleIndex {
  const index = new StyleIndex();
  const used = new Set<CssFile>();
  for (const el of doc.elements) {
    if (el.tagName === 'style') {
      if (!mediaApplies(attr(el, 'media') ?? '')) continue;
      const text = textContent(el);
      const first = el.childNodes[0]?.sourceCodeLocation;
      const at = first ? { line: first.startLine, column: first.startCol } : position(el);
      index.add(parseStylesheet(text, { line: at.line, column: at.column }), `<style> at line ${position(el).line}`);
    } else if (el.tagName === 'link' && /(^|\s)stylesheet(\s|$)/i.test(attr(el, 'rel') ?? '') && !/(^|\s)alternate(\s|$)/i.test(attr(el, 'rel') ?? '')) {
      const href = (attr(el, 'href') ?? '').replace(/[?#].*$/, '');
      const file = files.find((f) => href && (href.endsWith(f.path) || href.endsWith(f.path.replace(/^\.?\//, ''))));
      if (!file || !mediaApplies(attr(el, 'media') ?? '')) continue;
      used.add(file);
      index.add(parseStylesheet(file.content, { source: file.path }), file.path);
    }
  }
  for (const file of files) if (!used.has(file)) index.add(parseStylesheet(file.content, { source: file.path }), file.path);
  return index;
}

const FONT_KEYWORDS: Record<string, number> = {
  'xx-small': 9,
  'x-small': 10,
  small: 13,
  medium: 16,
  large: 18,
  'x-large': 24,
  'xx-large': 32,
  'xxx-large': 48,
};

// The user-agent stylesheet's values that matter for contrast and visibility.
const UA_FONT_SIZE_EM: Record<string, number> = { h1: 2, h2: 1.5, h3: 1.17, h4: 1, h5: 0.83, h6: 0.67, small: 0.833, sub: 0.833, sup: 0.833 };
const UA_BOLD = new Set(['b', 'strong', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'optgroup']);
const UA_HIDDEN = new Set(['head', 'script', 'style', 'template', 'title', 'meta', 'link', 'base', 'noscript', 'datalist', 'param', 'area', 'map', 'noembed', 'noframes', 'rp']);

/** Cascades and inherits the read properties for every element, parents first. */
export class Styles {
  private readonly cache = new Map<Element, Computed>();
  constructor(
    private readonly doc: HtmlDoc,
    private readonly index: StyleIndex,
  ) {}

  get(el: Element): Computed {
    const hit = this.cache.get(el);
    if (hit) return hit;
    // Resolve ancestors iteratively first (deep trees must not blow the stack).
    const chain: Element[] = [];
    for (let p: Element | null = el; p && !this.cache.has(p); p = parentElement(p)) chain.push(p);
    for (let i = chain.length - 1; i >= 0; i--) this.cache.set(chain[i], this.compute(chain[i]));
    return this.cache.get(el)!;
  }

  private compute(el: Element): Computed {
    const parentEl = parentElement(el);
    const parent = parentEl ? this.cache.get(parentEl)! : undefined;
    const declared = this.declared(el);
    const unresolved = new Set<string>();
    const tag = el.tagName;

    // Custom properties inherit; an element that declares none shares its parent's map.
    let vars = parent?.vars ?? EMPTY_VARS;
    const own = declared.customs();
    if (own.length) {
      vars = new Map(vars);
      for (const [k, val] of own) vars.set(k, val);
    }
    const v = (prop: string) => {
      const d = declared.get(prop);
      if (d === undefined || !/\b(var|env|attr)\(/i.test(d)) return d;
      const out = substituteVars(d, vars, 0);
      if (out === null || /\b(env|attr)\(/i.test(out)) {
        unresolved.add(prop);
        return undefined;
      }
      return out;
    };
    // Longhands win over the shorthand only when declared later; `declared` keeps the winner per name.
    const bg = v('background');
    const bgColorDecl = v('background-color');
    const bgImageDecl = v('background-image');

    let color = v('color') ?? 'inherit';
    if (/^(inherit|currentcolor|unset)$/i.test(color)) color = parent?.color ?? '#000000';
    else if (/^(initial|revert)$/i.test(color)) color = '#000000';
    if (parent?.unresolved.has('color') && v('color') === undefined) unresolved.add('color');

    let backgroundColor = 'transparent';
    let backgroundImage = 'none';
    if (bg !== undefined && declared.order('background') > Math.max(declared.order('background-color'), declared.order('background-image'))) {
      const { color: c, image } = splitBackground(bg);
      backgroundColor = c ?? 'transparent';
      backgroundImage = image ?? 'none';
    } else {
      if (bg !== undefined) {
        const { color: c, image } = splitBackground(bg);
        backgroundColor = c ?? 'transparent';
        backgroundImage = image ?? 'none';
      }
      if (bgColorDecl !== undefined) backgroundColor = bgColorDecl;
      if (bgImageDecl !== undefined) backgroundImage = bgImageDecl;
    }
    if (/^(inherit)$/i.test(backgroundColor)) backgroundColor = parent?.backgroundColor ?? 'transparent';
    if (/^(initial|unset|revert)$/i.test(backgroundColor)) backgroundColor = 'transparent';
    if (/^currentcolor$/i.test(backgroundColor)) backgroundColor = color;

    const parentSize = parent?.fontSizePx ?? 16;
    let fontSizePx = parentSize;
    const font = v('font');
    const fontParts = font ? splitFont(font) : {};
    const sizeDecl = declared.order('font-size') > declared.order('font') ? v('font-size') : fontParts.size ?? v('font-size');
    if (sizeDecl !== undefined) {
      const px = fontSize(sizeDecl, parentSize);
      if (px === null) unresolved.add('font-size');
      else fontSizePx = px;
    } else if (UA_FONT_SIZE_EM[tag]) fontSizePx = parentSize * UA_FONT_SIZE_EM[tag];
    if (parent?.unresolved.has('font-size') && sizeDecl === undefined) unresolved.add('font-size');

    const parentWeight = parent?.fontWeight ?? 400;
    let fontWeight = UA_BOLD.has(tag) ? 700 : parentWeight;
    const weightDecl = declared.order('font-weight') > declared.order('font') ? v('font-weight') : fontParts.weight ?? v('font-weight');
    if (weightDecl !== undefined) fontWeight = weight(weightDecl, parentWeight);

    let display = v('display') ?? (UA_HIDDEN.has(tag) || hasAttr(el, 'hidden') ? 'none' : 'initial');
    if (tag === 'input' && attr(el, 'type')?.toLowerCase() === 'hidden') display = 'none';
    let visibility = v('visibility') ?? 'inherit';
    if (visibility === 'inherit') visibility = parent?.visibility ?? 'visible';
    const opacityDecl = v('opacity');
    let opacity = 1;
    if (opacityDecl !== undefined) {
      const n = /%$/.test(opacityDecl) ? parseFloat(opacityDecl) / 100 : parseFloat(opacityDecl);
      if (Number.isFinite(n)) opacity = Math.min(1, Math.max(0, n));
      else unresolved.add('opacity');
    }
    return {
      color,
      backgroundColor,
      backgroundImage,
      opacity,
      fontSizePx,
      fontWeight,
      display: display.toLowerCase(),
      visibility: visibility.toLowerCase(),
      position: (v('position') ?? 'static').toLowerCase(),
      textShadow: v('text-shadow') ?? 'none',
      width: v('width'),
      height: v('height'),
      aspectRatio: v('aspect-ratio'),
      unresolved,
      vars,
    };
  }

  private declared(el: Element): Declared {
    type Win = { value: string; key: number[] };
    const win = new Map<string, Win>();
    const consider = (property: string, value: string, key: number[]) => {
      const cur = win.get(property);
      if (!cur || compareKeys(key, cur.key) >= 0) win.set(property, { value, key });
    };
    for (const list of this.index.candidates(el)) {
      for (const rule of list) {
        if (!matches(el, rule.selector)) continue;
        for (const d of rule.decls) consider(d.property, d.value, [d.important ? 1 : 0, 0, ...rule.specificity, rule.order]);
      }
    }
    const style = attr(el, 'style');
    if (style) {
      let i = 0;
      for (const d of parseInlineStyle(style)) {
        const property = d.property.startsWith('--') ? d.property : d.property.toLowerCase();
        if (READ.has(property) || property.startsWith('--')) consider(property, valueText(d as Declaration), [d.important ? 1 : 0, 1, 0, 0, 0, 1e9 + i++]);
      }
    }
    return {
      get: (p) => win.get(p)?.value,
      customs: () => [...win].filter(([k]) => k.startsWith('--')).map(([k, w]) => [k, w.value] as [string, string]),
      order: (p) => {
        const k = win.get(p)?.key;
        // Cascade position: importance, inline, specificity, source order.
        return k ? k[0] * 1e15 + k[1] * 1e14 + k[2] * 1e11 + k[3] * 1e8 + k[4] * 1e5 + k[5] / 1e5 : -1;
      },
    };
  }
}

const EMPTY_VARS = new Map<string, string>();

/**
 * Replaces `var(--x, fallback)` with the custom property's value (recursively, as CSS does
 * at computed-value time); null when a reference has neither a value nor a fallback.
 */
export function substituteVars(value: string, vars: Map<string, string>, depth: number): string | null {
  if (depth > 16) return null;
  let out = '';
  let i = 0;
  for (;;) {
    const at = value.slice(i).search(/\bvar\(/i);
    if (at === -1) return out + value.slice(i);
    const start = i + at;
    out += value.slice(i, start);
    let level = 0;
    let end = start + 4;
    for (; end < value.length; end++) {
      if (value[end] === '(') level++;
      else if (value[end] === ')') {
        if (level === 0) break;
        level--;
      }
    }
    const inner = value.slice(start + 4, end);
    const comma = topLevelComma(inner);
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma === -1 ? undefined : inner.slice(comma + 1).trim();
    const raw = vars.get(name);
    const chosen = raw !== undefined && raw.trim() !== '' && !/^(initial|unset)$/i.test(raw.trim()) ? raw : fallback;
    if (chosen === undefined) return null;
    const resolved = substituteVars(chosen, vars, depth + 1);
    if (resolved === null) return null;
    out += resolved.trim();
    i = end + 1;
  }
}

function topLevelComma(s: string): number {
  let level = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') level++;
    else if (s[i] === ')') level--;
    else if (s[i] === ',' && level === 0) return i;
  }
  return -1;
}

interface Declared {
  get(prop: string): string | undefined;
  customs(): [string, string][];
  order(prop: string): number;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Splits a `background` shorthand into its colour and image layers. */
export function splitBackground(value: string): { color?: string; image?: string } {
  if (/^\s*none\s*$/i.test(value)) return { color: 'transparent', image: 'none' };
  const image = /\b(url\(|(?:repeating-)?(?:linear|radial|conic)-gradient\(|image-set\(|element\()/i.test(value) ? value : undefined;
  // The colour may only appear in the final layer: the last token that parses as a colour.
  const layers = splitTopLevel(value, ',');
  let color: string | undefined;
  for (const token of splitTopLevel(layers[layers.length - 1] ?? '', ' ')) {
    if (/^currentcolor$/i.test(token) || parseColor(token)) color = token;
  }
  return { color, image };
}

/** Splits on a separator outside parentheses. */
export function splitTopLevel(value: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (sep === ' ' ? /\s/.test(ch) : ch === sep)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function splitFont(value: string): { size?: string; weight?: string } {
  const v = value.trim();
  if (/^(caption|icon|menu|message-box|small-caption|status-bar|inherit|initial)$/i.test(v)) return {};
  const tokens = v.split(/\s+/);
  let weightTok: string | undefined;
  for (const t of tokens) {
    const size = /^([\d.]+(?:px|em|rem|pt|%|vw|vh)|xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|smaller|larger)(?:\/.*)?$/i.exec(t);
    if (size) return { size: size[1], weight: weightTok ?? 'normal' };
    if (/^(bold|bolder|lighter|normal|[1-9]00)$/i.test(t)) weightTok = t;
  }
  return {};
}

/** Resolves a font-size to px, or null for what needs layout (vw, calc(), clamp(), ...). */
export function fontSize(value: string, parentPx: number, rootPx = 16): number | null {
  const v = value.trim().toLowerCase();
  if (v in FONT_KEYWORDS) return FONT_KEYWORDS[v];
  if (v === 'smaller') return parentPx / 1.2;
  if (v === 'larger') return parentPx * 1.2;
  if (v === 'inherit' || v === 'unset') return parentPx;
  if (v === 'initial') return 16;
  const m = /^(-?[\d.]+)(px|em|rem|%|pt|pc|in|cm|mm)?$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'px':
      return n;
    case 'em':
      return n * parentPx;
    case 'rem':
      return n * rootPx;
    case '%':
      return (n / 100) * parentPx;
    case 'pt':
      return (n * 4) / 3;
    case 'pc':
      return n * 16;
    case 'in':
      return n * 96;
    case 'cm':
      return (n * 96) / 2.54;
    case 'mm':
      return (n * 96) / 25.4;
    default:
      return n === 0 ? 0 : null;
  }
}

function weight(value: string, parent: number): number {
  const v = value.trim().toLowerCase();
  if (v === 'normal' || v === 'initial') return 400;
  if (v === 'bold') return 700;
  if (v === 'inherit' || v === 'unset') return parent;
  // CSS Fonts 4 relative weights.
  if (v === 'bolder') return parent < 350 ? 400 : parent < 550 ? 700 : 900;
  if (v === 'lighter') return parent < 550 ? 100 : parent < 750 ? 400 : 700;
  const n = Number(v);
  return Number.isFinite(n) ? n : parent;
}
