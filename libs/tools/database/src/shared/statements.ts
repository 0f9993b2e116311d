import { ParseError } from '@mcp/core-response';
import { tokenize, type Dialect, type Token } from './lexer';

/** One `;`-separated statement: its meaningful tokens and the raw ones (for layout rules). */
export interface Statement {
  tokens: Token[];
  raw: Token[];
  start: number;
  end: number;
  line: number;
  col: number;
  /** Upper-cased first keywords, e.g. "CREATE TABLE", "ALTER TABLE", "SELECT". */
  kind: string;
  text: string;
}

export interface ParsedSql {
  text: string;
  dialect: Dialect;
  tokens: Token[];
  statements: Statement[];
}

/**
 * Tokenizes and splits on top-level `;`. Parentheses must balance inside each statement: an
 * unmatched one is the parse error a user sees, at its line and column.
 */
export function parseSql(text: string, dialect: Dialect = 'postgres'): ParsedSql {
  const tokens = tokenize(text, dialect);
  const statements: Statement[] = [];
  let raw: Token[] = [];
  let sig: Token[] = [];
  const stack: Token[] = [];
  // BEGIN ... END blocks of MySQL/SQLite triggers contain `;` that do not end the statement.
  let blockDepth = 0;
  const flush = () => {
    if (sig.length > 0) {
      if (stack.length > 0) {
        const open = stack[stack.length - 1];
        throw new ParseError(`unmatched "${open.text}"`, open.line, open.col);
      }
      statements.push(makeStatement(text, sig, raw));
    }
    raw = [];
    sig = [];
    stack.length = 0;
    blockDepth = 0;
  };
  for (const t of tokens) {
    if (t.type === 'punct' && t.text === ';' && stack.length === 0 && blockDepth === 0) {
      flush();
      continue;
    }
    if (sig.length === 0 && (t.type === 'ws' || t.type === 'newline' || t.type === 'comment')) continue;
    raw.push(t);
    if (t.type === 'ws' || t.type === 'newline' || t.type === 'comment') continue;
    sig.push(t);
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) stack.push(t);
    else if (t.type === 'punct' && (t.text === ')' || t.text === ']')) {
      const open = stack.pop();
      if (!open || (open.text === '(') !== (t.text === ')')) throw new ParseError(`unmatched "${t.text}"`, t.line, t.col);
    } else if (t.type === 'word' && dialect !== 'postgres') {
      if (t.value === 'BEGIN' && /^CREATE\b.*\bTRIGGER\b/.test(sig.slice(0, 6).map((s) => s.value).join(' '))) blockDepth++;
      else if (t.value === 'END' && blockDepth > 0) blockDepth--;
    }
  }
  flush();
  return { text, dialect, tokens, statements };
}

function makeStatement(text: string, sig: Token[], raw: Token[]): Statement {
  const first = sig[0];
  const last = sig[sig.length - 1];
  const words: string[] = [];
  for (const t of sig) {
    if (t.type !== 'word' || words.length >= 4) break;
    if (['OR', 'REPLACE', 'UNIQUE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'MATERIALIZED'].includes(t.value) && words[0] === 'CREATE') continue;
    words.push(t.value);
  }
  let kind = words[0] ?? first.text;
  if (['CREATE', 'ALTER', 'DROP'].includes(kind) && words[1]) kind += ` ${words[1]}`;
  return { tokens: sig, raw, start: first.start, end: last.end, line: first.line, col: first.col, kind, text: text.slice(first.start, last.end) };
}

/** A forward cursor over a statement's meaningful tokens. */
export class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  get done(): boolean {
    return this.i >= this.tokens.length;
  }
  peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  /** The next token, or a parse error naming what was expected when the statement ended. */
  take(what = 'a name'): Token {
    const t = this.tokens[this.i];
    if (!t) throw this.error(`expected ${what}`);
    this.i++;
    return t;
  }
  /** True (and consumes) when the next tokens are these keywords. */
  kw(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const t = this.tokens[this.i + k];
      if (!t || t.type !== 'word' || t.value !== words[k]) return false;
    }
    this.i += words.length;
    return true;
  }
  isKw(...words: string[]): boolean {
    const t = this.peek();
    return !!t && t.type === 'word' && words.includes(t.value);
  }
  punct(p: string): boolean {
    const t = this.peek();
    if (t && (t.type === 'punct' || t.type === 'op') && t.text === p) {
      this.i++;
      return true;
    }
    return false;
  }
  isPunct(p: string): boolean {
    const t = this.peek();
    return !!t && (t.type === 'punct' || t.type === 'op') && t.text === p;
  }
  expect(p: string, what = `"${p}"`): Token {
    const t = this.peek();
    if (!this.punct(p)) throw this.error(`expected ${what}`);
    return t!;
  }
  error(message: string): ParseError {
    const t = this.peek() ?? this.tokens[this.tokens.length - 1];
    const found = this.peek() ? ` but found "${t.text}"` : ' but the statement ended';
    return new ParseError(`${message}${found}`, this.peek() ? t.line : t.line, this.peek() ? t.col : t.col + t.text.length);
  }
  /** Consumes tokens up to (not including) a top-level `,` or `)` (or one of the stop keywords). */
  until(stopWords: string[] = []): Token[] {
    const out: Token[] = [];
    let depth = 0;
    while (!this.done) {
      const t = this.peek()!;
      if (depth === 0 && t.type === 'punct' && (t.text === ',' || t.text === ')')) break;
      if (depth === 0 && t.type === 'word' && stopWords.includes(t.value)) break;
      if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
      if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
      out.push(t);
      this.i++;
    }
    return out;
  }
  /** Consumes a parenthesized group and returns its inner tokens. */
  group(): Token[] {
    this.expect('(');
    const inner: Token[] = [];
    let depth = 1;
    while (!this.done) {
      const t = this.next()!;
      if (t.type === 'punct' && t.text === '(') depth++;
      if (t.type === 'punct' && t.text === ')' && --depth === 0) return inner;
      inner.push(t);
    }
    throw this.error('expected ")"');
  }
}

/** Splits tokens on top-level commas. */
export function splitTopLevel(tokens: Token[], sep = ','): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    if (depth === 0 && t.type === 'punct' && t.text === sep) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
  }
  if (cur.length > 0 || out.length > 0) out.push(cur);
  return out;
}

/** Canonical text of tokens: single spaces, none inside parentheses, around dots or `::`. */
export function renderTokens(tokens: Token[]): string {
  let s = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    const text = t.type === 'word' ? t.text.toLowerCase() : t.text;
    if (prev) {
      const noSpace =
        (t.type === 'punct' && [')', ',', '.', ']'].includes(t.text)) ||
        (prev.type === 'punct' && ['(', '.', '['].includes(prev.text)) ||
        (t.type === 'punct' && (t.text === '(' || t.text === '[') && (prev.type === 'word' || prev.type === 'qident')) ||
        t.text === '::' ||
        prev.text === '::';
      if (!noSpace) s += ' ';
    }
    s += text;
    prev = t;
  }
  return s;
}

/** Identifier name as the database folds it: unquoted names lower-cased (PostgreSQL). */
export function identName(t: Token): string {
  return t.type === 'qident' ? t.value : (t.name ?? t.text.toLowerCase());
}

/** Tokens as written: original spelling and case, runs of whitespace collapsed to one space. */
export function sourceText(tokens: Token[]): string {
  let s = '';
  for (let k = 0; k < tokens.length; k++) {
    if (k > 0 && tokens[k].start > tokens[k - 1].end) s += ' ';
    s += tokens[k].text;
  }
  return s;
}
