/**
 * radon's raw metrics (radon/raw.py): lines are stripped and grouped into the smallest
 * chunks that tokenize on their own (open brackets, triple-quoted strings and backslash
 * continuations join lines); each chunk is then classified by its tokens. A small
 * line-based tokenizer replaces Python's `tokenize`, keeping its state across lines so that
 * long strings stay linear.
 */
export interface RawMetrics {
  loc: number;
  lloc: number;
  sloc: number;
  comments: number;
  multi: number;
  blank: number;
  singleComments: number;
}

type Tok = { type: 'COMMENT' | 'STRING' | 'OP' | 'NAME'; value: string; startLine: number; endLine: number };

// eslint-disable-next-line no-control-regex -- Python's str.splitlines() also breaks on \x1c-\x1e
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
// Sticky (y) regexes match at lastIndex without slicing the line for every token.
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;
const OPERATOR = /\*\*=|\/\/=|>>=|<<=|\.\.\.|->|:=|[-+*/%&|^@<>=!]=|\*\*|\/\/|<<|>>|<>|./y;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const OPEN = '([{';
const CLOSE = ')]}';

export function rawMetrics(source: string): RawMetrics {
  const lines = source.split(LINE_BREAK);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out: RawMetrics = { loc: 0, lloc: 0, sloc: 0, comments: 0, multi: 0, blank: 0, singleComments: 0 };
  let chunk: string[] = [];
  let toks: Tok[] = [];
  let depth = 0;
  let openString: { quote: string; raw: boolean; start: number; startLine: number } | null = null;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li].trim();
    chunk.push(line);
    let i = 0;
    let continued = false;
    if (openString) {
      const end = findStringEnd(line, 0, openString.quote, openString.raw);
      if (end < 0) continue;
      toks.push({ type: 'STRING', value: '', startLine: openString.startLine, endLine: li });
      openString = null;
      i = end;
    }
    while (i < line.length) {
      const c = line[i];
      if (c === ' ' || c === '\t' || c === '\f') i++;
      else if (c === '#') {
        toks.push({ type: 'COMMENT', value: line.slice(i), startLine: li, endLine: li });
        break;
      } else if (c === '\\' && i === line.length - 1) {
        continued = true;
        i++;
      } else {
        STRING_START.lastIndex = i;
        const s = isIdentStart(line.charCodeAt(i)) || c === '"' || c === "'" ? STRING_START.exec(line) : null;
        if (s) {
          const raw = /[rR]/.test(s[1]);
          const start = i + s[0].length;
          const end = findStringEnd(line, start, s[2], raw);
          if (end >= 0) {
            toks.push({ type: 'STRING', value: line.slice(start, end - s[2].length), startLine: li, endLine: li });
            i = end;
          } else if (s[2].length === 3 || line.endsWith('\\')) {
            openString = { quote: s[2], raw, start, startLine: li };
            i = line.length;
          } else {
            // An unterminated one-line string is an error token: tokenize asks for more lines.
            continued = true;
            i = line.length;
          }
        } else if (isIdentStart(line.charCodeAt(i))) {
          let j = i + 1;
          while (j < line.length && isIdentPart(line.charCodeAt(j))) j++;
          toks.push({ type: 'NAME', value: line.slice(i, j), startLine: li, endLine: li });
          i = j;
        } else if (isDigit(line.charCodeAt(i)) || (c === '.' && isDigit(line.charCodeAt(i + 1)))) {
          let j = i + 1;
          while (j < line.length && (isIdentPart(line.charCodeAt(j)) || line[j] === '.')) j++;
          toks.push({ type: 'NAME', value: line.slice(i, j), startLine: li, endLine: li });
          i = j;
        } else {
          OPERATOR.lastIndex = i;
          const op = OPERATOR.exec(line)![0];
          if (OPEN.includes(op)) depth++;
          else if (CLOSE.includes(op)) depth = Math.max(0, depth - 1);
          toks.push({ type: 'OP', value: op, startLine: li, endLine: li });
          i += op.length;
        }
      }
    }
    if (openString || depth > 0 || continued) continue;
    classify(out, chunk, toks, li - chunk.length + 1);
    chunk = [];
    toks = [];
  }
  if (chunk.length) classify(out, chunk, toks, lines.length - chunk.length);
  out.loc = out.sloc + out.blank + out.multi + out.singleComments;
  return out;
}

/** Index just past the closing quote, or -1 when the string does not end on this line. */
function findStringEnd(line: string, from: number, quote: string, raw: boolean): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line.startsWith(quote, i)) return i + quote.length;
  }
  void raw;
  return -1;
}

function classify(out: RawMetrics, chunk: string[], toks: Tok[], _first: number): void {
  out.comments += toks.filter((t) => t.type === 'COMMENT').length;
  if (toks.length === 1 && toks[0].type === 'COMMENT') out.singleComments++;
  else if (toks.length === 1 && toks[0].type === 'STRING') {
    if (toks[0].startLine === toks[0].endLine) out.singleComments++;
    else
      for (const l of chunk) {
        if (l) out.multi++;
        else out.blank++;
      }
  } else
    for (const l of chunk) {
      if (l) out.sloc++;
      else out.blank++;
    }
  out.lloc += logicalLines(toks);
}

/** radon's _logical, including its quirk of counting any ':' that is not last as a second line. */
function logicalLines(toks: Tok[]): number {
  const parts: Tok[][] = [[]];
  for (const t of toks) {
    if (t.type === 'OP' && t.value === ';') parts.push([]);
    else if (t.type !== 'COMMENT') parts[parts.length - 1].push(t);
  }
  let total = 0;
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    // The last part carries tokenize's ENDMARKER, which the colon test counts.
    const length = part.length + (last ? 1 : 0);
    let colon = -1;
    part.forEach((t, i) => {
      if (t.type === 'OP' && t.value === ':') colon = i;
    });
    if (colon >= 0) total += 2 - (colon === length - 2 ? 1 : 0);
    else total += part.length > 0 ? 1 : 0;
  });
  return total;
}
