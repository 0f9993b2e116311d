import type { CssNode, Selector } from 'css-tree';
import { attr, elementChildren, elementIndex, parentElement, sameTypeSiblings, type Element } from './html';
import { childrenOf } from './css';

/**
 * Matches css-tree selectors against parse5 elements, right to left like a browser engine.
 * State pseudo-classes (`:hover`, `:focus`, `:visited`, ...) never match: the page is audited
 * at rest. Pseudo-elements never match an element (their generated text is not in the tree).
 */
export function matches(el: Element, selector: Selector): boolean {
  let compounds = compiled.get(selector);
  if (!compounds) compiled.set(selector, (compounds = split(childrenOf<CssNode>(selector))));
  return compounds.length > 0 && matchFrom(el, compounds, compounds.length - 1);
}

// Each selector is split into compounds once, not once per element it is tested against.
const compiled = new WeakMap<Selector, Compound[]>();

interface Compound {
  parts: CssNode[];
  /** Combinator between this compound and the previous (left) one. */
  combinator: string;
}

function split(nodes: CssNode[]): Compound[] {
  const out: Compound[] = [];
  let cur: Compound = { parts: [], combinator: '' };
  for (const n of nodes) {
    if (n.type === 'Combinator') {
      if (cur.parts.length) out.push(cur);
      cur = { parts: [], combinator: n.name };
    } else cur.parts.push(n);
  }
  if (cur.parts.length) out.push(cur);
  return out;
}

function matchFrom(el: Element, compounds: Compound[], i: number): boolean {
  if (!matchCompound(el, compounds[i].parts)) return false;
  if (i === 0) return true;
  const comb = compounds[i].combinator;
  if (comb === '>') {
    const p = parentElement(el);
    return !!p && matchFrom(p, compounds, i - 1);
  }
  if (comb === ' ' || comb === '') {
    for (let p = parentElement(el); p; p = parentElement(p)) if (matchFrom(p, compounds, i - 1)) return true;
    return false;
  }
  if (comb === '+') {
    const prev = previousSibling(el);
    return !!prev && matchFrom(prev, compounds, i - 1);
  }
  if (comb === '~') {
    for (let s = previousSibling(el); s; s = previousSibling(s)) if (matchFrom(s, compounds, i - 1)) return true;
    return false;
  }
  return false;
}

function siblings(el: Element): Element[] {
  const p = el.parentNode;
  return p ? elementChildren(p) : [el];
}

function previousSibling(el: Element): Element | null {
  const i = elementIndex(el);
  return i > 0 ? siblings(el)[i - 1] : null;
}

function matchCompound(el: Element, parts: CssNode[]): boolean {
  for (const part of parts) if (!matchSimple(el, part)) return false;
  return true;
}

function matchSimple(el: Element, part: CssNode): boolean {
  switch (part.type) {
    case 'TypeSelector': {
      const name = part.name.replace(/^.*\|/, '').toLowerCase();
      return name === '*' || name === el.tagName.toLowerCase();
    }
    case 'IdSelector':
      return attr(el, 'id') === part.name;
    case 'ClassSelector':
      return (attr(el, 'class') ?? '').split(/\s+/).includes(part.name);
    case 'AttributeSelector':
      return matchAttribute(el, part);
    case 'PseudoClassSelector':
      return matchPseudo(el, part.name.toLowerCase(), childrenOf<CssNode>(part));
    case 'NestingSelector':
      return false;
    default:
      return false;
  }
}

function matchAttribute(el: Element, part: CssNode & { type: 'AttributeSelector' }): boolean {
  const name = part.name.name.toLowerCase();
  const value = attr(el, name);
  if (value === undefined) return false;
  if (!part.matcher || !part.value) return true;
  let want = part.value.type === 'String' ? part.value.value : part.value.name;
  let have = value;
  if (part.flags?.toLowerCase() === 'i') {
    want = want.toLowerCase();
    have = have.toLowerCase();
  }
  switch (part.matcher) {
    case '=':
      return have === want;
    case '~=':
      return have.split(/\s+/).includes(want);
    case '|=':
      return have === want || have.startsWith(`${want}-`);
    case '^=':
      return want !== '' && have.startsWith(want);
    case '$=':
      return want !== '' && have.endsWith(want);
    case '*=':
      return want !== '' && have.includes(want);
    default:
      return false;
  }
}

const anyOf = (el: Element, list: CssNode | undefined) =>
  !!list && list.type === 'SelectorList' && childrenOf<Selector>(list).some((s) => matches(el, s));

function matchPseudo(el: Element, name: string, args: CssNode[]): boolean {
  switch (name) {
    case 'not':
      return !anyOf(el, args[0]);
    case 'is':
    case 'where':
    case 'matches':
    case '-webkit-any':
    case '-moz-any':
      return anyOf(el, args[0]);
    case 'root':
      return el.tagName === 'html' && !parentElement(el);
    case 'first-child':
      return elementIndex(el) === 0;
    case 'last-child':
      return elementIndex(el) === siblings(el).length - 1;
    case 'only-child':
      return siblings(el).length === 1;
    case 'first-of-type':
      return sameTypeSiblings(el)[0] === el;
    case 'last-of-type': {
      const s = sameTypeSiblings(el);
      return s[s.length - 1] === el;
    }
    case 'only-of-type':
      return sameTypeSiblings(el).length === 1;
    case 'nth-child':
    case 'nth-last-child':
    case 'nth-of-type':
    case 'nth-last-of-type':
      return matchNth(el, name, args[0]);
    case 'empty':
      return el.childNodes.every((n) => n.nodeName === '#comment');
    case 'link':
    case 'any-link':
      return (el.tagName === 'a' || el.tagName === 'area') && attr(el, 'href') !== undefined;
    case 'checked':
      return attr(el, 'checked') !== undefined || attr(el, 'selected') !== undefined;
    case 'disabled':
      return attr(el, 'disabled') !== undefined;
    case 'enabled':
      return ['button', 'input', 'select', 'textarea', 'option', 'fieldset'].includes(el.tagName) && attr(el, 'disabled') === undefined;
    case 'required':
      return attr(el, 'required') !== undefined;
    case 'optional':
      return ['input', 'select', 'textarea'].includes(el.tagName) && attr(el, 'required') === undefined;
    case 'has':
      return matchHas(el, args[0]);
    default:
      // :hover, :focus, :visited, :target, vendor pseudo-classes: not in effect at rest.
      return false;
  }
}

function matchNth(el: Element, name: string, arg: CssNode | undefined): boolean {
  if (!arg || arg.type !== 'Nth') return false;
  let index: number;
  if (!arg.selector) {
    const sibs = name.endsWith('of-type') ? sameTypeSiblings(el) : siblings(el);
    const i = name.endsWith('of-type') ? sibs.indexOf(el) : elementIndex(el);
    index = name.includes('last') ? sibs.length - i : i + 1;
  } else {
    let sibs = siblings(el);
    if (name.endsWith('of-type')) sibs = sibs.filter((s) => s.tagName === el.tagName);
    sibs = sibs.filter((s) => anyOf(s, arg.selector ?? undefined));
    if (name.includes('last')) sibs = [...sibs].reverse();
    index = sibs.indexOf(el) + 1;
  }
  if (index === 0) return false;
  let a = 0;
  let b = 0;
  if (arg.nth.type === 'Identifier') {
    const kw = arg.nth.name.toLowerCase();
    if (kw === 'odd') [a, b] = [2, 1];
    else if (kw === 'even') [a, b] = [2, 0];
    else return false;
  } else {
    const ra = arg.nth.a;
    a = ra === null ? 0 : ra === '-' ? -1 : ra === '+' || ra === '' ? 1 : Number(ra);
    b = arg.nth.b === null ? 0 : Number(arg.nth.b);
  }
  if (a === 0) return index === b;
  const n = (index - b) / a;
  return Number.isInteger(n) && n >= 0;
}

function matchHas(el: Element, list: CssNode | undefined): boolean {
  if (!list || list.type !== 'SelectorList') return false;
  for (const rel of childrenOf<Selector>(list)) {
    const parts = childrenOf<CssNode>(rel);
    const lead = parts[0]?.type === 'Combinator' ? parts[0].name : ' ';
    const rest = parts[0]?.type === 'Combinator' ? parts.slice(1) : parts;
    const sel = { ...rel, children: { toArray: () => rest } } as unknown as Selector;
    const candidates: Element[] = [];
    if (lead === '>') candidates.push(...elementChildren(el));
    else if (lead === '+' || lead === '~') {
      const sibs = siblings(el);
      const after = sibs.slice(sibs.indexOf(el) + 1);
      candidates.push(...(lead === '+' ? after.slice(0, 1) : after));
    } else {
      const stack = [...elementChildren(el)];
      while (stack.length) {
        const c = stack.pop()!;
        candidates.push(c);
        stack.push(...elementChildren(c));
      }
    }
    // A relative selector's leftmost compound is anchored at `el`; checking the rightmost
    // compound against candidates and the chain inside the subtree is the common case.
    if (candidates.some((c) => matches(c, sel))) return true;
  }
  return false;
}
