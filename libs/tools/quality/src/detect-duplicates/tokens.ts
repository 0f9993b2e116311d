import { parseModule, type BabelToken } from '../shared/parse';

export interface Token {
  /** Normalized text: identifiers/literals may be replaced by a placeholder. */
  key: string;
  line: number;
  endLine: number;
}

export const JS_FILE = /\.(?:[cm]?[jt]sx?)$/;
const GENERIC = /[A-Za-z_$][\w$]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|[^\s\w]/g;

/**
 * Tokens of a file. JS/TS come from the same Babel parse the other tools use; other languages
 * from a generic lexer. Comments are skipped (jscpd's mild mode skips whitespace; we also drop
 * comments so that a commented copy is still a copy).
 */
export function tokenize(path: string, content: string, ignoreIdentifiers: boolean, ignoreLiterals: boolean): Token[] {
  const out: Token[] = [];
  if (JS_FILE.test(path)) {
    const mod = parseModule(content, { source: path, tokens: true });
    for (const t of mod.tokens ?? []) {
      const label = typeof t.type === 'string' ? t.type : t.type.label;
      if (label === 'CommentLine' || label === 'CommentBlock' || label === 'eof') continue;
      out.push({ key: keyOf(t, label, content, ignoreIdentifiers, ignoreLiterals), line: t.loc.start.line, endLine: t.loc.end.line });
    }
    return out;
  }
  let line = 1;
  let last = 0;
  for (const m of content.matchAll(GENERIC)) {
    const idx = m.index ?? 0;
    for (let i = content.indexOf('\n', last); i !== -1 && i < idx; i = content.indexOf('\n', i + 1)) line++;
    last = idx;
    const text = m[0];
    const lines = text.split('\n').length - 1;
    if (/^(?:\/\/|#|\/\*)/.test(text)) {
      line += lines;
      last = idx + text.length;
      continue;
    }
    let key = text;
    if (ignoreIdentifiers && /^[A-Za-z_$]/.test(text)) key = '\u0001id';
    if (ignoreLiterals && /^(?:\d|["'`])/.test(text)) key = '\u0001lit';
    out.push({ key, line, endLine: line + lines });
    line += lines;
    last = idx + text.length;
  }
  return out;
}

const KEYWORD_LABELS = new Set(['name']);
function keyOf(t: BabelToken, label: string, code: string, ids: boolean, lits: boolean): string {
  if (KEYWORD_LABELS.has(label) || label === 'jsxName' || label === '#name' || label === 'privateName') return ids ? '\u0001id' : `n:${String(t.value)}`;
  if (label === 'string' || label === 'num' || label === 'bigint' || label === 'decimal' || label === 'regexp' || label === 'template' || label === 'jsxText') {
    return lits ? '\u0001lit' : `l:${code.slice(t.start, t.end)}`;
  }
  return code.slice(t.start, t.end) || label;
}
