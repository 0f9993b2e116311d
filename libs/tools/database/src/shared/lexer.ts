import { ParseError } from '@mcp/core-response';

/**
 * A hand-written SQL tokenizer. We measured the generated parsers allowed in the runtime
 * (sql-parser-cst, node-sql-parser, pgsql-ast-parser) at 1.4–2.6 s for a 300-statement file,
 * two orders of magnitude over the 10 ms budget; one linear scan plus the small parsers in
 * this folder stays within it and keeps exact positions for every token, which the layout
 * rules of db_lint_sql need anyway.
 */
export type Dialect = 'postgres' | 'mysql' | 'sqlite';

export type TokenType =
  | 'word' // keyword or bare identifier
  | 'qident' // "quoted" or `backticked` identifier
  | 'string' // '...', E'...', $$...$$, X'..'
  | 'number'
  | 'param' // $1, ?, :name
  | 'op' // operators, including :: and ||
  | 'punct' // ( ) , ; . [ ]
  | 'comment'
  | 'ws' // spaces and tabs
  | 'newline';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
  line: number;
  col: number;
  /** Upper-cased text for words, unquoted name for qident, else text. */
  value: string;
  /**
   * The identifier this token names: PostgreSQL folds unquoted names to lower case; MySQL and
   * SQLite keep the spelling (their names compare case-insensitively, and dumps spell them one way).
   */
  name?: string;
}

const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';

export function tokenize(text: string, dialect: Dialect = 'postgres'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;

  const push = (type: TokenType, start: number, end: number, value?: string) => {
    const t = text.slice(start, end);
    const tok: Token = { type, text: t, start, end, line, col: start - lineStart + 1, value: value ?? (type === 'word' ? t.toUpperCase() : t) };
    if (type === 'word' && dialect !== 'postgres') tok.name = t;
    tokens.push(tok);
    // multi-line tokens (strings, block comments) advance the line counter
    for (let k = t.indexOf('\n'); k !== -1; k = t.indexOf('\n', k + 1)) {
      line++;
      lineStart = start + k + 1;
    }
  };
  const fail = (msg: string, at: number): never => {
    let l = 1;
    let ls = 0;
    for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 10) { l++; ls = k + 1; }
    throw new ParseError(msg, l, at - ls + 1);
  };

  while (i < n) {
    const c = text[i];
    const start = i;
    if (c === '\n') {
      i++;
      push('newline', start, i);
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      i += 2;
      push('newline', start, i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\f') && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
      push('ws', start, i);
      continue;
    }
    if ((c === '-' && text[i + 1] === '-') || (c === '#' && dialect === 'mysql')) {
      while (i < n && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
      push('comment', start, i);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      // PostgreSQL nests block comments; MySQL and SQLite do not.
      let depth = 0;
      while (i < n) {
        if (text[i] === '/' && text[i + 1] === '*') { depth++; i += 2; if (dialect !== 'postgres' && depth > 1) depth = 1; continue; }
        if (text[i] === '*' && text[i + 1] === '/') { depth--; i += 2; if (depth === 0) break; continue; }
        i++;
      }
      if (depth !== 0) fail('unterminated block comment', start);
      push('comment', start, i);
      continue;
    }
    if (c === "'" || ((c === 'E' || c === 'e' || c === 'X' || c === 'x' || c === 'B' || c === 'b' || c === 'N' || c === 'n') && text[i + 1] === "'")) {
      const backslash = dialect === 'mysql' || c === 'E' || c === 'e';
      i = c === "'" ? i + 1 : i + 2;
      for (;;) {
        if (i >= n) fail('unterminated string literal', start);
        const ch = text[i];
        if (backslash && ch === '\\') { i += 2; continue; }
        if (ch === "'") {
          if (text[i + 1] === "'") { i += 2; continue; }
          i++;
          break;
        }
        i++;
      }
      push('string', start, i);
      continue;
    }
    if (c === '"') {
      if (dialect === 'mysql') {
        // MySQL (without ANSI_QUOTES) reads "..." as a string.
        i++;
        for (;;) {
          if (i >= n) fail('unterminated string literal', start);
          if (text[i] === '\\') { i += 2; continue; }
          if (text[i] === '"') { if (text[i + 1] === '"') { i += 2; continue; } i++; break; }
          i++;
        }
        push('string', start, i);
        continue;
      }
      i++;
      for (;;) {
        if (i >= n) fail('unterminated quoted identifier', start);
        if (text[i] === '"') { if (text[i + 1] === '"') { i += 2; continue; } i++; break; }
        i++;
      }
      push('qident', start, i, text.slice(start + 1, i - 1).replace(/""/g, '"'));
      continue;
    }
    if (c === '`') {
      if (dialect === 'postgres') fail('backtick-quoted identifiers are MySQL syntax, not PostgreSQL: set options.dialect to "mysql" or quote with "..."', start);
      i++;
      for (;;) {
        if (i >= n) fail('unterminated quoted identifier', start);
        if (text[i] === '`') { if (text[i + 1] === '`') { i += 2; continue; } i++; break; }
        i++;
      }
      push('qident', start, i, text.slice(start + 1, i - 1).replace(/``/g, '`'));
      continue;
    }
    if (c === '[' && dialect === 'sqlite') {
      const close = text.indexOf(']', i);
      if (close === -1) fail('unterminated [identifier]', start);
      i = close + 1;
      push('qident', start, i, text.slice(start + 1, close));
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && dialect === 'postgres') {
        const tag = m[0];
        const close = text.indexOf(tag, i + tag.length);
        if (close === -1) fail(`unterminated dollar-quoted string ${tag}`, start);
        i = close + tag.length;
        push('string', start, i);
        continue;
      }
      if (/[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < n && /[0-9]/.test(text[i])) i++;
        push('param', start, i);
        continue;
      }
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
        i += 2;
        while (i < n && /[0-9a-fA-F_]/.test(text[i])) i++;
      } else {
        while (i < n && (isDigit(text[i]) || text[i] === '_')) i++;
        if (text[i] === '.' && text[i + 1] !== '.') { i++; while (i < n && isDigit(text[i])) i++; }
        if ((text[i] === 'e' || text[i] === 'E') && /[-+0-9]/.test(text[i + 1] ?? '')) {
          i += 2;
          while (i < n && isDigit(text[i])) i++;
        }
      }
      push('number', start, i);
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text[i])) i++;
      push('word', start, i);
      continue;
    }
    if (c === '?' && dialect !== 'postgres') {
      i++;
      while (i < n && isDigit(text[i])) i++;
      push('param', start, i);
      continue;
    }
    if (c === ':' && text[i + 1] === ':') {
      i += 2;
      push('op', start, i);
      continue;
    }
    if (c === ':' && isIdentStart(text[i + 1] ?? '')) {
      i++;
      while (i < n && isIdentPart(text[i])) i++;
      push('param', start, i);
      continue;
    }
    if (c === '@' && dialect === 'mysql' && isIdentStart(text[i + 1] ?? '@')) {
      i++;
      if (text[i] === '@') i++;
      while (i < n && (isIdentPart(text[i]) || text[i] === '.')) i++;
      push('param', start, i);
      continue;
    }
    if ('(),;.[]{}'.includes(c)) {
      i++;
      push('punct', start, i);
      continue;
    }
    if (c === ':') {
      i++;
      push('op', start, i);
      continue;
    }
    if (OPERATOR_CHARS.includes(c)) {
      // PostgreSQL lexes a run of operator characters as one operator, except that a run
      // does not end in + or - unless it consists of them only (so `a=-1` is `=` then `-1`).
      while (i < n && OPERATOR_CHARS.includes(text[i]) && !(text[i] === '-' && text[i + 1] === '-') && !(text[i] === '/' && text[i + 1] === '*')) i++;
      let op = text.slice(start, i);
      while (op.length > 1 && (op.endsWith('+') || op.endsWith('-')) && !/^[+-]+$/.test(op)) op = op.slice(0, -1);
      if (op.length > 1 && !KNOWN_MULTI_OPS.has(op) && dialect !== 'postgres') op = op[0];
      i = start + op.length;
      push('op', start, i);
      continue;
    }
    fail(`unexpected character ${JSON.stringify(c)}`, start);
  }
  return tokens;
}

const KNOWN_MULTI_OPS = new Set(['<=', '>=', '<>', '!=', '||', '->', '->>', '<=>', '<<', '>>', '&&', ':=']);

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) > 127;
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c) || c === '$';
}

/** Tokens that carry meaning (no whitespace, newlines or comments). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.type !== 'ws' && t.type !== 'newline' && t.type !== 'comment');
}
