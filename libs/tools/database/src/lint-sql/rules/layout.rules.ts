import type { Token } from '../../shared/lexer';
import { DATATYPES, KEYWORD_BEFORE_PAREN, KEYWORDS, LITERAL_WORDS } from './keywords';
import type { RuleImpl } from './context';

const COMPARISON = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>']);
const ARITH = new Set(['+', '-', '*', '/', '%', '||', '^', '&', '|', '<<', '>>', '->', '->>', '#>', '#>>', '@>', '<@', '~', '~*', '!~', '!~*', '&&']);

function isSig(t: Token): boolean {
  return t.type !== 'ws' && t.type !== 'newline' && t.type !== 'comment';
}

/** Is this operator token used as a binary operator (not unary minus, not `*` wildcard)? */
export function isBinaryOp(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t.type !== 'op' || t.text === '::') return false;
  if (!COMPARISON.has(t.text) && !ARITH.has(t.text)) return false;
  let p = i - 1;
  while (p >= 0 && !isSig(tokens[p])) p--;
  const prev = tokens[p];
  if (!prev) return false;
  if (prev.type === 'op' || (prev.type === 'punct' && (prev.text === '(' || prev.text === ',' || prev.text === '.'))) return false;
  if (prev.type === 'word' && KEYWORDS.has(prev.value) && !['END', 'NULL', 'TRUE', 'FALSE'].includes(prev.value)) return false;
  if (t.text === '*') {
    let n = i + 1;
    while (n < tokens.length && !isSig(tokens[n])) n++;
    const next = tokens[n];
    if (!next || next.type === 'punct' || (next.type === 'word' && KEYWORDS.has(next.value))) return false;
  }
  return true;
}

export type WordClass = 'keyword' | 'identifier' | 'function' | 'type' | 'literal';

const classCache = new WeakMap<Token[], Map<Token, WordClass>>();

/** sqlfluff's segment classes, approximated from the token's neighbours (computed once per file). */
export function classifyWords(tokens: Token[]): Map<Token, WordClass> {
  const cached = classCache.get(tokens);
  if (cached) return cached;
  const out = new Map<Token, WordClass>();
  classCache.set(tokens, out);
  const sig = tokens.filter(isSig);
  let castDepth = 0;
  const parenStack: boolean[] = [];
  let castOpen = 0;
  let ddl = false;
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const prev = sig[i - 1];
    const next = sig[i + 1];
    if (t.type === 'punct' && t.text === ';') ddl = false;
    if (t.type === 'punct' && t.text === '(') {
      const isCast = prev?.type === 'word' && prev.value === 'CAST';
      parenStack.push(isCast);
      if (isCast) castOpen++;
    }
    if (t.type === 'punct' && t.text === ')' && parenStack.pop()) castOpen--;
    castDepth = castOpen;
    if (t.type !== 'word') continue;
    if (prev?.type === 'word' && (prev.value === 'CREATE' || prev.value === 'ALTER') && (t.value === 'TABLE' || t.value === 'TYPE' || t.value === 'INDEX' || t.value === 'UNIQUE')) ddl = true;
    const v = t.value;
    if (prev?.text === '.' || next?.text === '.') { out.set(t, 'identifier'); continue; }
    const typeContext = prev?.text === '::' || (prev?.type === 'word' && prev.value === 'AS' && castDepth > 0) || (prev && out.get(prev) === 'type') || (ddl && (prev?.type === 'qident' || (prev?.type === 'word' && out.get(prev) === 'identifier')));
    if (DATATYPES.has(v) && typeContext) { out.set(t, 'type'); continue; }
    // sqlfluff parses the NULL of IS [NOT] NULL as a keyword, elsewhere as a literal
    if (v === 'NULL' && (prev?.value === 'IS' || (prev?.value === 'NOT' && sig[i - 2]?.value === 'IS'))) { out.set(t, 'keyword'); continue; }
    if (LITERAL_WORDS.has(v)) { out.set(t, 'literal'); continue; }
    // a table or index name before its column list is an identifier, not a function call
    const namesObject = prev?.type === 'word' && (['TABLE', 'INTO', 'REFERENCES', 'VIEW', 'KEY', 'INDEX'].includes(prev.value) || (prev.value === 'EXISTS' && sig[i - 2]?.value === 'NOT') || (prev.value === 'ON' && ddl));
    if (next?.text === '(' && namesObject && !KEYWORDS.has(v)) { out.set(t, 'identifier'); continue; }
    if (next?.text === '(' && !KEYWORD_BEFORE_PAREN.has(v) && !DATATYPES.has(v)) { out.set(t, 'function'); continue; }
    if (KEYWORDS.has(v)) { out.set(t, 'keyword'); continue; }
    if (DATATYPES.has(v) && next?.text === '(') { out.set(t, 'type'); continue; }
    out.set(t, 'identifier');
  }
  return out;
}

type Style = 'upper' | 'lower' | 'capitalise' | 'mixed';
function styleOf(text: string): Style | undefined {
  if (!/[a-z]/i.test(text)) return undefined;
  if (text === text.toUpperCase()) return 'upper';
  if (text === text.toLowerCase()) return 'lower';
  if (text[0] === text[0].toUpperCase() && text.slice(1) === text.slice(1).toLowerCase()) return 'capitalise';
  return 'mixed';
}
const STYLE_NAME: Record<Style, string> = { upper: 'upper case', lower: 'lower case', capitalise: 'capitalised', mixed: 'mixed case' };

function capitalisation(id: string, cls: WordClass, what: string): RuleImpl {
  return {
    id,
    name: `capitalisation.${what}`,
    summary: `Inconsistent capitalisation of ${what}`,
    check(ctx) {
      const classes = classifyWords(ctx.tokens);
      let ref: Style | undefined;
      for (const t of ctx.tokens) {
        if (t.type !== 'word' || classes.get(t) !== cls) continue;
        const s = styleOf(t.text);
        if (!s) continue;
        if (!ref) {
          // a single upper-case letter or all-caps word is also "capitalised": stay undecided
          ref = s === 'mixed' ? undefined : s;
          continue;
        }
        const ok = s === ref || (t.text.length === 1 && (ref === 'capitalise' ? s === 'upper' : false)) || (ref === 'capitalise' && s === 'upper' && t.text.length === 1);
        if (!ok) ctx.report(id, t, `${cap(what)} must be consistently ${STYLE_NAME[ref]}: ${t.text}`, `Write ${fixCase(t.text, ref)}`);
      }
    },
  };
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
function fixCase(text: string, s: Style): string {
  return s === 'upper' ? text.toUpperCase() : s === 'lower' ? text.toLowerCase() : text[0].toUpperCase() + text.slice(1).toLowerCase();
}

export const capitalisationRules: RuleImpl[] = [
  capitalisation('CP01', 'keyword', 'keywords'),
  capitalisation('CP02', 'identifier', 'unquoted identifiers'),
  capitalisation('CP03', 'function', 'function names'),
  capitalisation('CP04', 'literal', 'boolean/null literals'),
  capitalisation('CP05', 'type', 'datatypes'),
];

/** Lines of the file as token runs, for rules that look at line starts and ends. */
function lines(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'newline') out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

export const layoutRules: RuleImpl[] = [
  {
    id: 'LT01',
    name: 'layout.spacing',
    summary: 'Inappropriate spacing',
    check(ctx) {
      const toks = ctx.tokens;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        if (t.type === 'ws') {
          const next = toks[i + 1];
          if (!next || next.type === 'newline') {
            ctx.report('LT01', t, 'Unnecessary trailing whitespace', 'Remove the spaces at the end of the line');
            continue;
          }
          const prev = toks[i - 1];
          if (!prev || prev.type === 'newline' || next.type === 'comment') continue; // indentation, alignment before comments
          if (next.type === 'punct' && next.text === ',') { ctx.report('LT01', t, 'Unexpected whitespace before comma', 'Remove the space before ","'); continue; }
          if (next.type === 'punct' && next.text === ';') { ctx.report('LT01', t, "Unexpected whitespace before statement terminator ';'", 'Remove the space before ";"'); continue; }
          if (next.type === 'punct' && (next.text === ')' || next.text === ']')) { ctx.report('LT01', t, `Unexpected whitespace before "${next.text}"`, 'Remove the space'); continue; }
          if (prev.type === 'punct' && (prev.text === '(' || prev.text === '[')) { ctx.report('LT01', t, `Unexpected whitespace after "${prev.text}"`, 'Remove the space'); continue; }
          if (next.text === '::' || prev.text === '::' || next.text === '.' || prev.text === '.') { ctx.report('LT01', t, 'Unexpected whitespace around "::" or "."', 'Remove the space'); continue; }
          if (t.text.length > 1 || t.text !== ' ') ctx.report('LT01', t, 'Expected only single space', 'Use one space between these tokens');
          continue;
        }
        if (t.type === 'punct' && t.text === ',') {
          const next = toks[i + 1];
          if (next && next.type !== 'ws' && next.type !== 'newline' && next.type !== 'comment' && !(next.type === 'punct' && next.text === ')')) ctx.report('LT01', next, `Expected single whitespace between comma and ${next.text}`, 'Add a space after ","');
          continue;
        }
        if (t.type === 'word' && ['DISTINCT', 'IN', 'USING', 'AS'].includes(t.value) && toks[i + 1]?.text === '(') {
          ctx.report('LT01', toks[i + 1], `Expected single whitespace between ${t.value} keyword and start bracket`, `Write "${t.text} ("`);
          continue;
        }
        if (t.type === 'op' && isBinaryOp(toks, i)) {
          const prev = toks[i - 1];
          const next = toks[i + 1];
          if (prev && isSig(prev)) ctx.report('LT01', t, `Expected single whitespace before binary operator '${t.text}'`, `Write " ${t.text} "`);
          if (next && isSig(next)) ctx.report('LT01', next, `Expected single whitespace after binary operator '${t.text}'`, `Write " ${t.text} "`);
        }
      }
    },
  },
  {
    id: 'LT02',
    name: 'layout.indent',
    summary: 'Incorrect indentation',
    check(ctx) {
      const starts = new Set(ctx.statements.map((s) => s.tokens[0]));
      const CLAUSES = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'RETURNING']);
      let stmtIndent = 0;
      let depth = 0;
      for (const line of lines(ctx.tokens)) {
        const first = line.find((t) => t.type !== 'ws');
        const ws = line[0]?.type === 'ws' ? line[0] : undefined;
        if (first && first.type !== 'comment') {
          const indent = ws ? ws.text : '';
          if (/\t/.test(indent)) ctx.report('LT02', first, 'Expected indentation with spaces, found a tab', 'Indent with spaces (4 per level)');
          else if (starts.has(first) && indent.length > 0) ctx.report('LT02', first, 'First line of a statement should not be indented', 'Remove the indentation');
          else if (indent.length % 4 !== 0) ctx.report('LT02', first, `Expected indentation in multiples of 4 spaces, found ${indent.length}`, 'Re-indent by whole levels of 4 spaces');
          else if (depth === 0 && first.type === 'word' && CLAUSES.has(first.value) && indent.length !== stmtIndent) ctx.report('LT02', first, `Expected ${first.value} at the indentation of its statement (${stmtIndent} spaces), found ${indent.length}`, 'Align the clause with its SELECT');
          if (starts.has(first)) stmtIndent = indent.length;
        }
        for (const t of line) {
          if (t.type === 'punct' && t.text === '(') depth++;
          if (t.type === 'punct' && t.text === ')') depth = Math.max(0, depth - 1);
          if (t.type === 'punct' && t.text === ';') depth = 0;
        }
      }
    },
  },
  {
    id: 'LT03',
    name: 'layout.operators',
    summary: 'Operators should be at the start of a line, not the end',
    check(ctx) {
      const toks = ctx.tokens;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        const isOp = (t.type === 'op' && isBinaryOp(toks, i)) || (t.type === 'word' && (t.value === 'AND' || t.value === 'OR'));
        if (!isOp) continue;
        let n = i + 1;
        while (n < toks.length && toks[n].type === 'ws') n++;
        if (toks[n]?.type === 'newline') ctx.report('LT03', t, `Found trailing binary operator '${t.text}': operators should start the line`, `Move '${t.text}' to the start of the next line`);
      }
    },
  },
  {
    id: 'LT04',
    name: 'layout.commas',
    summary: 'Leading comma',
    check(ctx) {
      for (const line of lines(ctx.tokens)) {
        const first = line.find((t) => t.type !== 'ws');
        if (first?.type === 'punct' && first.text === ',') ctx.report('LT04', first, 'Found leading comma: commas should be trailing', 'Move the comma to the end of the previous line');
      }
    },
  },
  {
    id: 'LT05',
    name: 'layout.long_lines',
    summary: 'Line too long',
    check(ctx) {
      const ls = ctx.text.split('\n');
      ls.forEach((l, k) => {
        const len = l.replace(/\r$/, '').trimEnd().length;
        // sqlfluff reports the position just past the end of the line
        if (len > ctx.maxLineLength) ctx.report('LT05', { line: k + 1, col: len + 1 }, `Line is too long (${len} > ${ctx.maxLineLength})`, 'Break the line');
      });
    },
  },
  {
    id: 'LT06',
    name: 'layout.functions',
    summary: 'Function name not immediately followed by parenthesis',
    check(ctx) {
      const classes = classifyWords(ctx.tokens);
      const toks = ctx.tokens;
      for (let i = 0; i + 2 < toks.length; i++) {
        const t = toks[i];
        if (t.type === 'word' && classes.get(t) === 'function' && toks[i + 1].type === 'ws' && toks[i + 2].text === '(') {
          ctx.report('LT06', toks[i + 1], `Function name ${t.text} not immediately followed by parenthesis`, `Write ${t.text}(`);
        }
      }
    },
  },
  {
    id: 'LT12',
    name: 'layout.end_of_file',
    summary: 'Files must end with a single trailing newline',
    check(ctx) {
      if (ctx.text.length === 0) return;
      const m = /(\r?\n)*$/.exec(ctx.text.replace(/[ \t]+$/, ''))!;
      const newlines = (m[0].match(/\n/g) ?? []).length;
      if (newlines !== 1) {
        const lineCount = ctx.text.split('\n').length;
        ctx.report('LT12', { line: newlines === 0 ? lineCount : lineCount - newlines + 1, col: 1 }, newlines === 0 ? 'Files must end with a single trailing newline: none found' : `Files must end with a single trailing newline: found ${newlines}`, 'End the file with exactly one newline');
      }
    },
  },
  {
    id: 'LT13',
    name: 'layout.start_of_file',
    summary: 'Files must not begin with newlines or whitespace',
    check(ctx) {
      const first = ctx.tokens[0];
      if (first && (first.type === 'ws' || first.type === 'newline')) ctx.report('LT13', first, 'Files must not begin with newlines or whitespace', 'Remove the leading blank lines');
    },
  },
];
