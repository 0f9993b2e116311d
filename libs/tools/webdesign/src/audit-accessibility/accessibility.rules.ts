import type { Finding } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { attr, collapse, isElement, isText, parentElement, position, textContent, type Element } from '../shared/html';
import { A11yTree, explicitRole, parseTabindex } from '../shared/a11y';
import { ARIA_ATTRS, REQUIRED_ATTRS, ROLE_TYPES } from '../shared/aria-standards';
import { isValidLang } from '../shared/langs';
import { textContrasts } from '../shared/contrast';
import { toHex } from '../shared/color';

type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

const AXE_DOCS = 'https://dequeuniversity.com/rules/axe/4.10/';

interface RuleSpec {
  impact: Impact;
  summary: string;
}

/** axe-core 4.14's impact for each rule this tool ports. */
export const RULES: Record<string, RuleSpec> = {
  'image-alt': { impact: 'critical', summary: 'Images must have alternative text' },
  label: { impact: 'critical', summary: 'Form elements must have labels' },
  'button-name': { impact: 'critical', summary: 'Buttons must have discernible text' },
  'link-name': { impact: 'serious', summary: 'Links must have discernible text' },
  'html-has-lang': { impact: 'serious', summary: '<html> element must have a lang attribute' },
  'html-lang-valid': { impact: 'serious', summary: '<html> element must have a valid value for the lang attribute' },
  'document-title': { impact: 'serious', summary: 'Documents must have a <title> element to aid in navigation' },
  'heading-order': { impact: 'moderate', summary: 'Heading levels should only increase by one' },
  'empty-heading': { impact: 'minor', summary: 'Headings should not be empty' },
  'duplicate-id': { impact: 'minor', summary: 'id attribute value must be unique' },
  'duplicate-id-aria': { impact: 'critical', summary: 'IDs used in ARIA and labels must be unique' },
  'aria-valid-attr': { impact: 'critical', summary: 'ARIA attributes must conform to valid names' },
  'aria-required-attr': { impact: 'critical', summary: 'Required ARIA attributes must be provided' },
  'aria-roles': { impact: 'critical', summary: 'ARIA roles used must conform to valid values' },
  list: { impact: 'serious', summary: '<ul> and <ol> must only directly contain <li>, <script> or <template> elements' },
  listitem: { impact: 'serious', summary: '<li> elements must be contained in a <ul> or <ol>' },
  tabindex: { impact: 'serious', summary: 'Elements should not have tabindex greater than zero' },
  'frame-title': { impact: 'serious', summary: 'Frames must have an accessible name' },
  'meta-viewport': { impact: 'moderate', summary: 'Zooming and scaling must not be disabled' },
  'color-contrast': { impact: 'serious', summary: 'Elements must meet minimum color contrast ratio thresholds (WCAG 2 AA)' },
};

const severityOf = (impact: Impact) => (impact === 'critical' || impact === 'serious' ? 'error' : 'warning');

export const ruleDocs: RuleDoc[] = Object.entries(RULES).map(([id, r]) => ({
  id,
  severity: severityOf(r.impact),
  summary: r.summary,
  docs: `${AXE_DOCS}${id}`,
}));

export interface RuleContext {
  tree: A11yTree;
  selector(el: Element): string;
  report(ruleId: string, el: Element, message: string, fix: string, review?: boolean): void;
}

export function finding(ruleId: string, el: Element, selector: string, message: string, fix: string, review = false): Finding {
  const impact = RULES[ruleId].impact;
  const f: Finding = {
    ruleId,
    severity: review ? 'info' : severityOf(impact),
    message: review ? `Needs review: ${message}` : message,
    location: position(el),
    fix,
    docs: `${AXE_DOCS}${ruleId}`,
    impact,
    selector,
  };
  if (review) f.needsReview = true;
  return f;
}

const nonEmpty = (v: string | undefined) => !!v && collapse(v) !== '';

function labelledByText(ctx: RuleContext, el: Element): string {
  const ids = (attr(el, 'aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  return collapse(
    ids
      .map((id) => ctx.tree.doc.byId.get(id))
      .filter((n): n is Element => !!n)
      .map((n) => ctx.tree.name(n, { inLabelledBy: true }))
      .join(' '),
  );
}

/** axe's aria-label / aria-labelledby / non-empty-title checks, shared by the naming rules. */
function hasAriaName(ctx: RuleContext, el: Element): boolean {
  return nonEmpty(attr(el, 'aria-label')) || labelledByText(ctx, el) !== '' || nonEmpty(attr(el, 'title'));
}

const presentational = (el: Element) => ['none', 'presentation'].includes(explicitRole(el) ?? '');

/** axe's no-explicit-name-required-matches. */
function nameRequiredMatches(ctx: RuleContext, el: Element): boolean {
  const role = explicitRole(el);
  if (!role || role === 'none' || role === 'presentation') return true;
  return NAME_REQUIRED.has(role) || ctx.tree.isFocusable(el);
}
const NAME_REQUIRED = new Set(['button', 'checkbox', 'combobox', 'dialog', 'alertdialog', 'gridcell', 'heading', 'img', 'link', 'listbox', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'meter', 'option', 'progressbar', 'radio', 'scrollbar', 'searchbox', 'slider', 'spinbutton', 'switch', 'tab', 'textbox', 'tree', 'treegrid', 'treeitem', 'columnheader', 'rowheader', 'cell', 'doc-backlink', 'doc-biblioref', 'doc-glossref', 'doc-noteref']);

function labelledByControl(ctx: RuleContext, el: Element): boolean {
  const id = attr(el, 'id');
  const explicit = id ? (ctx.tree.labelsFor.get(id) ?? []) : [];
  // A label the user cannot see still counts for axe (explicit-label passes for hidden labels).
  if (explicit.some((l) => ctx.tree.isHiddenVisually(l) || ctx.tree.subtreeText(l, new Set([el])) !== '')) return true;
  for (let p = parentElement(el); p; p = parentElement(p)) {
    if (p.tagName === 'label') return ctx.tree.subtreeText(p, new Set([el])) !== '';
  }
  return false;
}

export function checkElement(ctx: RuleContext, el: Element): void {
  const { tree } = ctx;
  const tag = el.tagName;
  const hidden = tree.isHiddenForAT(el);

  if (!hidden) {
    if (tag === 'img' && nameRequiredMatches(ctx, el)) imageAlt(ctx, el);
    if ((tag === 'input' && !['hidden', 'image', 'button', 'submit', 'reset'].includes((attr(el, 'type') ?? '').toLowerCase())) || tag === 'textarea') label(ctx, el);
    if (tag === 'button' && nameRequiredMatches(ctx, el)) buttonName(ctx, el);
    if (tag === 'a' && attr(el, 'href') !== undefined) linkName(ctx, el);
    if (tree.role(el) === 'heading') emptyHeading(ctx, el);
    if (el.attrs.some((a) => a.name.startsWith('aria-'))) ariaValidAttr(ctx, el);
    if (attr(el, 'role') !== undefined) {
      ariaRequiredAttr(ctx, el);
      if (collapse(attr(el, 'role') ?? '') !== '') ariaRoles(ctx, el);
    }
    if ((tag === 'ul' || tag === 'ol') && !attr(el, 'role')) list(ctx, el);
    if (tag === 'li' && !attr(el, 'role')) listitem(ctx, el);
    if (attr(el, 'tabindex') !== undefined) {
      const ti = parseTabindex(attr(el, 'tabindex'));
      if (ti !== null && ti > 0) {
        ctx.report('tabindex', el, `<${tag}> ${ctx.selector(el)} has tabindex="${attr(el, 'tabindex')}", which puts it ahead of the natural tab order`, 'Use tabindex="0" (or none) and order the DOM to match the visual order');
      }
    }
    if (tag === 'iframe' || tag === 'frame') frameTitle(ctx, el);
  }
}

function imageAlt(ctx: RuleContext, el: Element): void {
  const alt = attr(el, 'alt');
  const src = attr(el, 'src') ?? '';
  if (alt !== undefined && /^\s+$/.test(alt)) {
    ctx.report('image-alt', el, `<img src="${src}"> has an alt attribute made only of spaces`, 'Use alt="" for a decorative image, or describe the image');
    return;
  }
  if (alt !== undefined || hasAriaName(ctx, el) || presentational(el)) return;
  ctx.report('image-alt', el, `<img src="${src}"> has no alt attribute, aria-label, aria-labelledby or title`, 'Add alt text that says what the image conveys, or alt="" if it is decorative');
}

function label(ctx: RuleContext, el: Element): void {
  const ok =
    labelledByControl(ctx, el) ||
    nonEmpty(attr(el, 'aria-label')) ||
    labelledByText(ctx, el) !== '' ||
    nonEmpty(attr(el, 'title')) ||
    nonEmpty(attr(el, 'placeholder')) ||
    presentational(el);
  // axe's hidden-explicit-label: the first <label for> is hidden and nothing else names the control.
  const id = attr(el, 'id');
  const firstLabel = id ? ctx.tree.labelsFor.get(id)?.[0] : undefined;
  const hiddenLabel = !!firstLabel && ctx.tree.isHiddenForAT(firstLabel) && ctx.tree.name(el) === '';
  if (ok && !hiddenLabel) return;
  const type = attr(el, 'type');
  if (hiddenLabel) {
    ctx.report('label', el, `<input type="${type ?? 'text'}" id="${id}"> is labelled only by a <label> that is hidden from assistive technology`, 'Make the label visible to screen readers, or add an aria-label to the control');
    return;
  }
  const what = el.tagName === 'input' ? `<input type="${type ?? 'text'}"${attr(el, 'name') ? ` name="${attr(el, 'name')}"` : ''}>` : `<textarea${attr(el, 'name') ? ` name="${attr(el, 'name')}"` : ''}>`;
  ctx.report('label', el, `${what} (${ctx.selector(el)}) has no label, aria-label, aria-labelledby, title or placeholder`, 'Associate a <label for="..."> with the control, or wrap it in a <label>');
}

function buttonName(ctx: RuleContext, el: Element): void {
  if (ctx.tree.subtreeText(el) !== '' || hasAriaName(ctx, el) || labelledByControl(ctx, el) || presentational(el)) return;
  ctx.report('button-name', el, `<button> ${ctx.selector(el)} has no text a screen reader can announce`, 'Give the button visible text, or an aria-label when it only shows an icon');
}

function linkName(ctx: RuleContext, el: Element): void {
  if (ctx.tree.subtreeText(el) !== '' || hasAriaName(ctx, el)) return;
  ctx.report('link-name', el, `Link to "${attr(el, 'href')}" (${ctx.selector(el)}) has no discernible text`, 'Put text inside the link, give its image an alt, or add an aria-label');
}

function emptyHeading(ctx: RuleContext, el: Element): void {
  if (ctx.tree.subtreeText(el) !== '' || hasAriaName(ctx, el)) return;
  ctx.report('empty-heading', el, `Heading <${el.tagName}> ${ctx.selector(el)} has no text a screen reader can announce`, 'Put the section title in the heading, or remove the empty heading');
}

function ariaValidAttr(ctx: RuleContext, el: Element): void {
  const invalid = el.attrs.map((a) => a.name).filter((n) => n.startsWith('aria-') && !ARIA_ATTRS[n]);
  if (!invalid.length) return;
  ctx.report(
    'aria-valid-attr',
    el,
    `<${el.tagName}> ${ctx.selector(el)} has ARIA attribute${invalid.length > 1 ? 's' : ''} that do${invalid.length > 1 ? '' : 'es'} not exist: ${invalid.join(', ')}`,
    `Fix the spelling (valid names include ${suggest(invalid[0])})`,
  );
}

function suggest(name: string): string {
  // The closest valid name by edit distance: the usual cause is a typo.
  let best = 'aria-label';
  let bestD = Infinity;
  for (const cand of Object.keys(ARIA_ATTRS)) {
    const d = distance(name, cand);
    if (d < bestD) [best, bestD] = [cand, d];
  }
  return best;
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

// States the element's native semantics already provide (axe's element spec implicitAttrs).
function implicitAttr(el: Element, name: string): boolean {
  const type = (attr(el, 'type') ?? '').toLowerCase();
  if (name === 'aria-checked') return el.tagName === 'input' && (type === 'checkbox' || type === 'radio');
  if (name === 'aria-valuenow') return (el.tagName === 'input' && type === 'range') || el.tagName === 'meter' || el.tagName === 'progress';
  if (name === 'aria-level') return /^h[1-6]$/.test(el.tagName);
  return false;
}

function ariaRequiredAttr(ctx: RuleContext, el: Element): void {
  const role = explicitRole(el);
  if (!role) return;
  const required = REQUIRED_ATTRS[role] ?? [];
  if (!required.length) return;
  if (role === 'separator' && !ctx.tree.isFocusable(el)) return;
  if (role === 'combobox' && attr(el, 'aria-expanded')?.trim().toLowerCase() === 'false') return;
  if (role === 'slider' && nonEmpty(attr(el, 'aria-valuetext'))) return;
  const missing = required.filter((a) => !nonEmpty(attr(el, a)) && !implicitAttr(el, a));
  if (!missing.length) return;
  ctx.report(
    'aria-required-attr',
    el,
    `<${el.tagName} role="${role}"> ${ctx.selector(el)} lacks required ${missing.join(', ')}`,
    `Add ${missing.map((m) => `${m}="..."`).join(' ')} and keep it in sync with the widget's state`,
  );
}

function ariaRoles(ctx: RuleContext, el: Element): void {
  const tokens = (attr(el, 'role') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const abstract = tokens.filter((t) => ROLE_TYPES[t] === 'abstract');
  const allInvalid = tokens.every((t) => !ROLE_TYPES[t]);
  if (!allInvalid && !abstract.length) return;
  const msg = abstract.length
    ? `<${el.tagName}> ${ctx.selector(el)} uses abstract role${abstract.length > 1 ? 's' : ''} ${abstract.join(', ')}, which authors must not use`
    : `<${el.tagName}> ${ctx.selector(el)} has role="${attr(el, 'role')}", which is not an ARIA role`;
  ctx.report('aria-roles', el, msg, 'Use a concrete ARIA role (see WAI-ARIA 1.2 "Roles"), or a native element that has it');
}

function list(ctx: RuleContext, el: Element): void {
  const issues: string[] = [];
  for (const child of el.childNodes) {
    if (isText(child)) {
      if (child.value.trim() !== '' && !issues.includes('#text')) issues.push('#text');
      continue;
    }
    if (!isElement(child) || ctx.tree.isHiddenForAT(child)) continue;
    const explicit = explicitRole(child);
    const issue = explicit ? (explicit === 'listitem' ? null : `[role=${ctx.tree.role(child)}]`) : child.tagName === 'li' || ctx.tree.role(child) === 'listitem' ? null : child.tagName;
    if (issue && !issues.includes(issue)) issues.push(issue);
  }
  if (!issues.length) return;
  ctx.report('list', el, `<${el.tagName}> ${ctx.selector(el)} directly contains ${issues.join(', ')}, which a list may not`, 'Wrap the content in <li> elements, or use a <div> when it is not a list');
}

function listitem(ctx: RuleContext, el: Element): void {
  const parent = parentElement(el);
  if (!parent) return;
  const role = ctx.tree.role(parent);
  if (role && ['presentation', 'none', 'list'].includes(role)) return;
  ctx.report('listitem', el, `<li> ${ctx.selector(el)} sits in <${parent.tagName}${attr(parent, 'role') ? ` role="${attr(parent, 'role')}"` : ''}>, not in a list`, 'Put list items inside <ul>, <ol> or <menu>');
}

function frameTitle(ctx: RuleContext, el: Element): void {
  const ti = parseTabindex(attr(el, 'tabindex'));
  if (ti !== null && ti < 0) return;
  if (nonEmpty(attr(el, 'title')) || nonEmpty(attr(el, 'aria-label')) || labelledByText(ctx, el) !== '' || presentational(el)) return;
  ctx.report('frame-title', el, `<${el.tagName} src="${attr(el, 'src') ?? ''}"> has no title or aria-label`, 'Add a title that says what the frame contains');
}

/** Rules on the whole document: lang, title, heading order, ids, viewport, contrast. */
export function checkDocument(ctx: RuleContext): void {
  const { doc } = ctx.tree;
  const html = doc.html;
  if (html) {
    const lang = attr(html, 'lang');
    const xml = attr(html, 'xml:lang');
    if (!nonEmpty(lang) && !nonEmpty(xml)) {
      ctx.report('html-has-lang', html, 'The <html> element has no lang attribute', 'Add the page language, e.g. <html lang="en">');
    }
    for (const [name, value] of [['lang', lang], ['xml:lang', xml]] as const) {
      if (value === undefined || value === '') continue;
      const base = value.trim().split('-')[0].toLowerCase();
      if ((base !== '' && !isValidLang(base)) || collapse(value) === '') {
        ctx.report('html-lang-valid', html, `The <html> element has ${name}="${value}", which is not a valid language code`, 'Use a BCP 47 tag with an ISO 639 language, e.g. "en" or "pt-BR"');
      }
    }
    // document.title: the first <title> in the HTML namespace (an SVG <title> does not count).
    const title = doc.byTag.get('title')?.find((t) => t.namespaceURI === 'http://www.w3.org/1999/xhtml');
    if (!title || collapse(textContent(title)) === '') {
      ctx.report('document-title', html, title ? 'The document\'s <title> is empty' : 'The document has no <title> element', 'Add a <title> in <head> that names the page');
    }
  }

  // heading-order: levels over all headings visible to assistive technology, in DOM order.
  let prev = -1;
  let first = true;
  for (const el of doc.elements) {
    if (ctx.tree.role(el) !== 'heading' || ctx.tree.isHiddenForAT(el)) continue;
    const level = headingLevel(el);
    if (!first && level - prev > 1) {
      ctx.report('heading-order', el, `<${el.tagName}> "${collapse(textContent(el)).slice(0, 60)}" is level ${level} after a level-${prev} heading`, `Use an h${prev + 1}, or add the missing intermediate heading levels`);
    }
    first = false;
    prev = level;
  }

  ids(ctx);

  const viewport = doc.elements.find((e) => e.tagName === 'meta' && attr(e, 'name') === 'viewport');
  if (viewport) metaViewport(ctx, viewport);

  for (const t of textContrasts(ctx.tree)) {
    if (t.review) {
      ctx.report('color-contrast', t.el, `text "${t.text.slice(0, 40)}" in ${ctx.selector(t.el)}: colours cannot be resolved statically because ${t.review}`, 'Check the contrast in a browser (axe DevTools) or set explicit colours', true);
      continue;
    }
    const expected = t.largeText ? 3 : 4.5;
    const ratio = t.ratio!;
    // axe: passes only above the threshold; a 1:1 ratio and one-character text are incomplete.
    if (ratio > expected) continue;
    const truncated = Math.floor(ratio * 100) / 100;
    const msg = `text "${t.text.slice(0, 40)}" in ${ctx.selector(t.el)} has contrast ${truncated}:1 (${toHex(t.fg!)} on ${toHex(t.bg!)}, ${round(t.fontSizePx)}px ${t.fontWeight >= 700 ? 'bold' : 'normal'}); expected ${expected}:1`;
    const review = truncated === 1 || t.text.length === 1 || (['input', 'select', 'textarea'].includes(t.el.tagName) && !t.text);
    ctx.report('color-contrast', t.el, msg, `Darken or lighten the text or its background until the ratio reaches ${expected}:1 (web_check_color_contrast suggests the nearest colour)`, review);
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

function headingLevel(el: Element): number {
  const m = /^h([1-6])$/.exec(el.tagName);
  const aria = attr(el, 'aria-level');
  const n = aria === undefined ? NaN : parseInt(aria, 10);
  if (m && aria === undefined) return Number(m[1]);
  if (isNaN(n) || n < 1) return m ? Number(m[1]) : 2;
  return n;
}

// aria-* attributes whose value is an id reference (axe's idref/idrefs types).
const IDREF_ATTRS = new Set(Object.entries(ARIA_ATTRS).filter(([, v]) => /^idrefs?$/.test(v.type)).map(([k]) => k));

function ids(ctx: RuleContext): void {
  const { doc } = ctx.tree;
  const byId = new Map<string, Element[]>();
  for (const el of doc.elements) {
    const id = attr(el, 'id')?.trim();
    if (!id) continue;
    const list = byId.get(id) ?? [];
    list.push(el);
    byId.set(id, list);
  }
  const refs = new Set<string>();
  for (const el of doc.elements) {
    for (const a of el.attrs) {
      if (a.name === 'for' ? el.tagName === 'label' : IDREF_ATTRS.has(a.name)) {
        if (a.name === 'for') refs.add(a.value);
        else for (const t of a.value.split(/\s+/)) if (t) refs.add(t);
      }
    }
  }
  for (const [id, els] of byId) {
    if (els.length < 2) continue;
    const first = els[0];
    const lines = els.map((e) => position(e).line).join(', ');
    if (refs.has(id)) {
      ctx.report('duplicate-id-aria', first, `id "${id}" is used by ${els.length} elements (lines ${lines}) and is referenced by ARIA or a label`, 'Give each element a unique id so the reference points at one element', true);
    } else if (!els.some((e) => ctx.tree.isFocusable(e))) {
      ctx.report('duplicate-id', first, `id "${id}" is used by ${els.length} elements (lines ${lines})`, 'Rename the duplicates so every id is unique in the page');
    }
  }
}

function metaViewport(ctx: RuleContext, el: Element): void {
  const content = attr(el, 'content') ?? '';
  for (const item of content.toLowerCase().split(/[;,]/)) {
    const [key, value] = item.split('=').map((p) => p.trim());
    if (!key || !value) continue;
    const n = parseFloat(value);
    if (key === 'user-scalable') {
      if ((isNaN(n) && !['yes', 'device-width', 'device-height'].includes(value)) || (n > -1 && n < 1)) {
        ctx.report('meta-viewport', el, `<meta name="viewport"> sets user-scalable=${value}, which disables zoom`, 'Remove user-scalable=no so users can zoom');
        return;
      }
    }
    if (key === 'maximum-scale' && !(n < 0)) {
      if ((isNaN(n) && !['device-width', 'device-height'].includes(value)) || n < 2) {
        ctx.report('meta-viewport', el, `<meta name="viewport"> sets maximum-scale=${value}, which limits zoom below 200%`, 'Remove maximum-scale or set it to at least 2 (5 is common)');
        return;
      }
    }
  }
}

