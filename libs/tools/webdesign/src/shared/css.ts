import parseCss from 'css-tree/parser';
import walk from 'css-tree/walker';
import type { CssNode, Declaration, Rule, Selector, SelectorList, StyleSheet, Atrule } from 'css-tree';
import { ParseError } from '@mcp/core-response';

export type Specificity = [number, number, number];

export interface CssParseOptions {
  /** File path or argument name for the ParseError. */
  source?: string;
  /** Where the CSS starts in its file (a `<style>` block inside HTML), 1-based. */
  line?: number;
  column?: number;
  /** Keep values as raw text (fast) unless a tool needs their structure. */
  parseValue?: boolean;
}

/**
 * Parses a stylesheet with css-tree. css-tree recovers from everything; like PostCSS
 * (stylelint's parser) we refuse unclosed blocks, strings and comments and any declaration
 * css-tree could not read, at the line and column where it stopped.
 */
export function parseStylesheet(text: string, opts: CssParseOptions = {}): StyleSheet {
  const line0 = opts.line ?? 1;
  const col0 = opts.column ?? 1;
  const unclosed = findUnclosed(text);
  if (unclosed) {
    const at = shift(text, unclosed.offset, line0, col0);
    throw new ParseError(unclosed.message, at.line, at.column, opts.source);
  }
  let first: ParseError | undefined;
  const ast = parseCss(text, {
    positions: true,
    line: line0,
    column: col0,
    parseValue: opts.parseValue ?? false,
    parseCustomProperty: false,
    // At-rule preludes stay raw text: css-tree rejects valid modern @supports conditions.
    parseAtrulePrelude: false,
    onParseError: (e, fallback) => {
      // A nested style rule (CSS Nesting) reaches css-tree's declaration parser as raw text
      // with a block in it; PostCSS reads it fine, so it is not an error here either.
      if (fallback?.type === 'Raw' && fallback.value.includes('{')) return;
      first ??= new ParseError(e.message, e.line, e.column, opts.source);
    },
  }) as StyleSheet;
  if (first) throw first;
  return ast;
}

/** Parses a `style="..."` attribute; unreadable declarations are dropped, as browsers do. */
export function parseInlineStyle(text: string): Declaration[] {
  const out: Declaration[] = [];
  try {
    const list = parseCss(text, { context: 'declarationList', parseValue: false, onParseError: () => undefined });
    walk(list, { visit: 'Declaration', enter: (d: Declaration) => void out.push(d) });
  } catch {
    // A style attribute the parser rejects outright contributes nothing, like in a browser.
  }
  return out;
}

function shift(text: string, offset: number, line0: number, col0: number): { line: number; column: number } {
  let line = line0;
  let col = col0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

/** The first unclosed `{`, string or comment, as PostCSS reports them. */
function findUnclosed(text: string): { offset: number; message: string } | null {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return { offset: i, message: 'Unclosed comment' };
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '\n') break;
      }
      if (j >= text.length || text[j] === '\n') return { offset: i, message: 'Unclosed string' };
      i = j;
    } else if (c === '\\') i++;
    else if (c === '{') opens.push(i);
    else if (c === '}') {
      if (!opens.length) return { offset: i, message: 'Unexpected }' };
      opens.pop();
    }
  }
  if (!opens.length) return null;
  // PostCSS points at the start of the unclosed rule (its selector), not at the brace.
  let start = opens[opens.length - 1];
  while (start > 0 && !'{};'.includes(text[start - 1])) start--;
  for (;;) {
    while (start < text.length && /\s/.test(text[start])) start++;
    if (text.startsWith('/*', start)) start = text.indexOf('*/', start) + 2;
    else break;
  }
  return { offset: start, message: 'Unclosed block' };
}

export const childrenOf = <T = CssNode>(node: object | null | undefined): T[] => {
  const c = (node as { children?: { toArray(): T[] } | null } | null)?.children;
  return c ? c.toArray() : [];
};

/**
 * Selectors Level 4 specificity: `:is()`, `:not()`, `:has()` and `:nth-child(... of S)` take
 * their most specific argument, `:where()` counts 0, pseudo-elements count as types.
 */
export function specificity(selector: Selector): Specificity {
  const s: Specificity = [0, 0, 0];
  for (const part of childrenOf<CssNode>(selector)) {
    switch (part.type) {
      case 'IdSelector':
        s[0]++;
        break;
      case 'ClassSelector':
      case 'AttributeSelector':
        s[1]++;
        break;
      case 'TypeSelector':
        if (part.name !== '*' && !part.name.endsWith('|*')) s[2]++;
        break;
      case 'PseudoElementSelector':
        s[2]++;
        break;
      case 'PseudoClassSelector': {
        const name = part.name.toLowerCase();
        if (name === 'where') break;
        const args = childrenOf<CssNode>(part);
        if (['is', 'not', 'has', 'matches', '-webkit-any', '-moz-any'].includes(name)) {
          add(s, maxOf(args[0]));
        } else if ((name === 'nth-child' || name === 'nth-last-child') && args[0]?.type === 'Nth' && args[0].selector) {
          s[1]++;
          add(s, maxOf(args[0].selector));
        } else {
          s[1]++;
        }
        break;
      }
    }
  }
  return s;
}

function maxOf(list: CssNode | undefined | null): Specificity {
  let best: Specificity = [0, 0, 0];
  if (!list || list.type !== 'SelectorList') return best;
  for (const sel of childrenOf<Selector>(list)) {
    const sp = specificity(sel);
    if (compareSpecificity(sp, best) > 0) best = sp;
  }
  return best;
}

function add(a: Specificity, b: Specificity): void {
  a[0] += b[0];
  a[1] += b[1];
  a[2] += b[2];
}

export function compareSpecificity(a: Specificity, b: Specificity): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Calls `fn` for every style rule with the at-rules it sits in (outermost first). */
export function eachStyleRule(ast: StyleSheet, fn: (rule: Rule, atrules: Atrule[]) => void): void {
  const visit = (nodes: CssNode[], stack: Atrule[]) => {
    for (const node of nodes) {
      if (node.type === 'Rule') {
        fn(node, stack);
        // CSS nesting: rules inside a rule's block.
        const nested = childrenOf<CssNode>(node.block).filter((n) => n.type === 'Rule' || n.type === 'Atrule');
        if (nested.length) visit(nested, stack);
      } else if (node.type === 'Atrule' && node.block) {
        const name = node.name.toLowerCase();
        // Keyframe selectors (from, 50%) are not style rules.
        if (name.endsWith('keyframes') || name === 'font-face' || name === 'page' || name === 'property' || name === 'counter-style') continue;
        visit(childrenOf<CssNode>(node.block), [...stack, node]);
      }
    }
  };
  visit(childrenOf<CssNode>(ast), []);
}

export function selectorsOf(rule: Rule): Selector[] {
  return rule.prelude.type === 'SelectorList' ? childrenOf<Selector>(rule.prelude as SelectorList) : [];
}

export function declarationsOf(block: CssNode | null | undefined): Declaration[] {
  return childrenOf<CssNode>(block).filter((n): n is Declaration => n.type === 'Declaration');
}

/** The raw text of a declaration value (css-tree keeps it as `Raw` when values are not parsed). */
export function valueText(decl: Declaration, source?: string): string {
  const v = decl.value;
  if (v.type === 'Raw') return v.value.trim();
  if (source && v.loc) return source.slice(v.loc.start.offset, v.loc.end.offset).trim();
  return '';
}
