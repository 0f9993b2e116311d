import { attr, collapse, elementChildren, hasAttr, isText, parentElement, type Element } from './html';
import { A11yTree, isDisabled } from './a11y';
import { WHITE, composite, contrastRatio, isLargeText, parseColor, type Rgba } from './color';

export interface TextContrast {
  el: Element;
  /** Resolved colours (opaque) when the pair could be decided statically. */
  fg?: Rgba;
  bg?: Rgba;
  fontSizePx: number;
  fontWeight: number;
  largeText: boolean;
  ratio?: number;
  /** Why axe would leave this node incomplete ("needs review"), when it would. */
  review?: string;
  text: string;
}

const NON_TEXT_INPUTS = new Set(['hidden', 'range', 'color', 'checkbox', 'radio', 'image']);

/**
 * The text nodes axe's color-contrast rule looks at, with their colours resolved from the
 * static cascade. What depends on layout or painting (background images and gradients,
 * absolutely positioned boxes, text shadows, var() colours) is left for review.
 */
export function textContrasts(tree: A11yTree): TextContrast[] {
  const out: TextContrast[] = [];
  // What is inherited down the tree is computed once per element, not walked up per text node.
  const inert = inherited<boolean>((el, parent) => hasAttr(el, 'inert') || parent === true);
  const label = inherited<Element | null>((el, parent) => (el.tagName === 'label' ? el : (parent ?? null)));
  const disabledLabel = new Map<Element, boolean>();
  const labelOfDisabled = (el: Element) => {
    const l = label(el);
    if (!l) return false;
    let v = disabledLabel.get(l);
    if (v === undefined) disabledLabel.set(l, (v = labelsDisabledControl(l, tree)));
    return v;
  };
  const opacity = inherited<number>((el, parent) => tree.styles.get(el).opacity * (parent ?? 1));
  for (const el of tree.doc.elements) {
    const tag = el.tagName;
    if (tag === 'option' || tag === 'html' || tag === 'head' || tree.isDisplayNone(el)) continue;
    if (tag === 'input' && NON_TEXT_INPUTS.has((attr(el, 'type') ?? 'text').toLowerCase())) continue;
    if (isDisabled(el) || inert(el) || labelOfDisabled(el)) continue;
    const formControl = tag === 'input' || tag === 'select' || tag === 'textarea';
    if (tag === 'select' && !elementChildren(el).length) continue;
    const text = formControl ? collapse(attr(el, 'value') ?? attr(el, 'placeholder') ?? '') : directText(el);
    if (!formControl && !text) continue;
    const style = tree.styles.get(el);
    if (!style.fontSizePx && !style.unresolved.has('font-size')) continue;
    if (style.visibility !== 'visible' || style.opacity === 0) continue;
    out.push(resolve(el, tree, text, opacity(el)));
  }
  return out;
}

function directText(el: Element): string {
  let s = '';
  for (const c of el.childNodes) if (isText(c)) s += c.value;
  return collapse(s);
}

/** A per-element value derived from the element and its parent's value, memoized down the tree. */
function inherited<T>(derive: (el: Element, parent: T | undefined) => T): (el: Element) => T {
  const memo = new Map<Element, T>();
  const get = (el: Element): T => {
    if (memo.has(el)) return memo.get(el) as T;
    const p = parentElement(el);
    const v = derive(el, p ? get(p) : undefined);
    memo.set(el, v);
    return v;
  };
  return get;
}

/** Whether a label labels a disabled control (axe skips the label's text then). */
function labelsDisabledControl(label: Element, tree: A11yTree): boolean {
  const f = attr(label, 'for');
  const target = f ? tree.doc.byId.get(f) : undefined;
  if (target && isDisabled(target)) return true;
  const stack = elementChildren(label);
  while (stack.length) {
    const c = stack.pop()!;
    if (['input', 'select', 'textarea'].includes(c.tagName)) return isDisabled(c);
    stack.push(...elementChildren(c));
  }
  return false;
}

function resolve(el: Element, tree: A11yTree, text: string, opacity: number): TextContrast {
  const style = tree.styles.get(el);
  const base = { el, fontSizePx: style.fontSizePx, fontWeight: style.fontWeight, largeText: isLargeText(style.fontSizePx, style.fontWeight), text };
  const review = (why: string): TextContrast => ({ ...base, review: why });
  if (style.unresolved.has('font-size')) return review('its font size depends on var() or layout');
  if (style.unresolved.has('color')) return review('its text colour comes from a custom property or var()');
  if (style.textShadow !== 'none' && style.textShadow.trim() !== '') return review(`it has a text-shadow (${style.textShadow}) that changes the perceived contrast`);
  const fgRaw = parseColor(style.color);
  if (!fgRaw) return review(`its colour "${style.color}" could not be parsed`);

  // Walk the ancestors' backgrounds until an opaque one, as the browser paints them.
  const layers: Rgba[] = [];
  for (let p: Element | null = el; p; p = parentElement(p)) {
    const s = tree.styles.get(p);
    if (s.unresolved.has('background-color') || s.unresolved.has('background') || s.unresolved.has('background-image')) {
      return review(`the background of <${p.tagName}> depends on a custom property`);
    }
    if (s.backgroundImage && !/^none$/i.test(s.backgroundImage.trim())) {
      const kind = /gradient\(/i.test(s.backgroundImage) ? 'gradient' : 'image';
      return review(`the background of <${p.tagName}> is a background ${kind}`);
    }
    const c = parseColor(s.backgroundColor);
    if (c === null && !/^transparent$/i.test(s.backgroundColor)) return review(`the background colour "${s.backgroundColor}" could not be parsed`);
    if (c && c.a > 0) {
      layers.push(c);
      if (c.a >= 1) break;
    }
    // Going further up past a positioned box: what it is painted over depends on layout.
    if (s.position === 'absolute' || s.position === 'fixed') {
      return review(p === el ? `it is ${s.position}ly positioned without an opaque background, so what is painted behind it is unknown` : `<${p.tagName}> is ${s.position}ly positioned without an opaque background, so what is painted behind it is unknown`);
    }
  }
  let bg: Rgba = WHITE;
  for (let i = layers.length - 1; i >= 0; i--) bg = composite(layers[i], bg);
  const fg = composite({ ...fgRaw, a: fgRaw.a * opacity }, bg);
  const ratio = contrastRatio(fg, bg);
  return { ...base, fg, bg, ratio };
}
