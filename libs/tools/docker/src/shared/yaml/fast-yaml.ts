/**
 * A fast reader for the YAML that manifests and compose files are written in: block maps and
 * sequences (including sequences at their key's indentation), flow collections (also across
 * lines), plain, quoted and block scalars, anchors, aliases and `<<` merge keys, several
 * documents. It resolves scalars with the YAML 1.2 core schema, as the `yaml` package does, and
 * records the line and column of every key and sequence item.
 *
 * Why: the `yaml` package builds a full CST and document model and needs seconds per MiB here,
 * over the tools' 1 s budget. Anything this reader does not handle (tags, complex keys,
 * directives, multi-line plain scalars, tabs in indentation, any syntax error) makes it give
 * up, and the caller parses with `yaml`, which also produces the error messages.
 * A spec compares both on every YAML fixture, values and positions.
 */

export interface Pos {
  line: number;
  column: number;
}

export interface PosTable {
  keys?: Map<string, Pos>;
  items?: Pos[];
}

export interface FastDoc {
  index: number;
  value: unknown;
  line: number;
  column: number;
  positions: WeakMap<object, PosTable>;
}

class Fallback extends Error {}
const bail = (why: string): never => {
  throw new Fallback(why);
};

interface Line {
  indent: number;
  text: string;
}

const NULLS = new Set(['~', 'null', 'Null', 'NULL', '']);

/** YAML 1.2 core schema resolution of a plain scalar. */
export function resolvePlain(s: string): unknown {
  if (NULLS.has(s)) return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

class Reader {
  private lines: Line[] = [];
  private i = 0;
  private anchors = new Map<string, unknown>();
  readonly positions = new WeakMap<object, PosTable>();

  constructor(text: string) {
    const raw = text.split('\n');
    for (const r of raw) {
      const l = r.endsWith('\r') ? r.slice(0, -1) : r;
      let n = 0;
      while (n < l.length && l[n] === ' ') n++;
      if (l[n] === '\t' && l.slice(n).trim() !== '') bail('tab indentation');
      this.lines.push({ indent: n, text: l.slice(n) });
    }
  }

  /** Parses every document; returns [value, line, column] per non-empty document with its index. */
  documents(): { index: number; value: unknown; line: number; column: number }[] {
    const out: { index: number; value: unknown; line: number; column: number }[] = [];
    let index = 0;
    let started = false;
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (l.text === '' || l.text.startsWith('#')) {
        this.i++;
        continue;
      }
      if (l.indent === 0 && (l.text === '---' || l.text.startsWith('--- ') || l.text.startsWith('---\t'))) {
        const rest = l.text.slice(3).trim();
        if (rest !== '' && !rest.startsWith('#')) bail('content after ---');
        if (started) index++;
        started = true;
        this.i++;
        continue;
      }
      if (l.indent === 0 && (l.text === '...' || l.text.startsWith('... '))) {
        this.i++;
        continue;
      }
      if (l.indent === 0 && l.text.startsWith('%')) bail('directive');
      this.anchors = new Map();
      const line = this.i + 1;
      const column = l.indent + 1;
      const value = this.block(l.indent);
      out.push({ index, value, line, column });
      started = true;
      // After a document's root node only a marker or the end may follow.
      this.skipBlank();
      if (this.i < this.lines.length) {
        const n = this.lines[this.i];
        if (!(n.indent === 0 && (n.text === '---' || n.text.startsWith('--- ') || n.text === '...' || n.text.startsWith('... ')))) bail('trailing content');
      }
    }
    return out;
  }

  private isMarker(l: Line): boolean {
    return l.indent === 0 && (l.text === '---' || l.text.startsWith('--- ') || l.text === '...' || l.text.startsWith('... '));
  }

  private skipBlank(): void {
    while (this.i < this.lines.length) {
      const t = this.lines[this.i].text;
      if (t === '' || t.startsWith('#')) this.i++;
      else break;
    }
  }

  /** Parses the node that starts at the current line, whose indentation is `indent`. */
  private block(indent: number): unknown {
    this.skipBlank();
    const l = this.lines[this.i];
    if (l.text === '-' || l.text.startsWith('- ')) return this.seq(l.indent);
    if (this.keyEnd(l.text) !== -1) return this.map(l.indent);
    // A lone scalar or flow node.
    const { value } = this.inlineValue(l.text, this.i, l.indent, indent - 1, true);
    return value;
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    const items: Pos[] = [];
    this.positions.set(out, { items });
    while (true) {
      this.skipBlank();
      if (this.i >= this.lines.length) break;
      const l = this.lines[this.i];
      if (this.isMarker(l)) break;
      if (l.indent !== indent || !(l.text === '-' || l.text.startsWith('- '))) {
        if (l.indent > indent) bail('bad sequence indentation');
        break;
      }
      let rest = l.text.slice(1);
      let col = indent + 1;
      while (rest.startsWith(' ')) {
        rest = rest.slice(1);
        col++;
      }
      if (rest === '' || rest.startsWith('#')) {
        // The item starts where its content does (as the `yaml` package reports it).
        const dash = { line: this.i + 1, column: indent + 1 };
        this.i++;
        this.skipBlank();
        const next = this.lines[this.i];
        items.push(next && next.indent > indent ? { line: this.i + 1, column: next.indent + 1 } : dash);
        out.push(this.nested(indent, true));
        continue;
      }
      items.push({ line: this.i + 1, column: col + 1 });
      // `- key: v` / `- - x`: the rest of the line starts a node at its own column.
      if (rest === '-' || rest.startsWith('- ') || (this.keyEnd(rest) !== -1 && !/^[&*!|>]/.test(rest))) {
        this.lines[this.i] = { indent: col, text: rest };
        out.push(this.block(col));
        continue;
      }
      const { value, anchorOnly } = this.inlineValue(rest, this.i, col, indent, false);
      if (anchorOnly !== undefined) {
        this.i++;
        const v = this.nested(indent, true);
        this.anchors.set(anchorOnly, v);
        out.push(v);
      } else out.push(value);
    }
    return out;
  }

  /** The value under a key or `-` whose own line had nothing after the indicator. */
  private nested(parentIndent: number, inSeq: boolean): unknown {
    this.skipBlank();
    if (this.i >= this.lines.length) return null;
    const l = this.lines[this.i];
    if (this.isMarker(l)) return null;
    if (l.indent > parentIndent) return this.block(l.indent);
    // A sequence may sit at its key's indentation (`containers:\n- name: x`).
    if (!inSeq && l.indent === parentIndent && (l.text === '-' || l.text.startsWith('- '))) return this.seq(l.indent);
    return null;
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = new Map<string, Pos>();
    this.positions.set(out, { keys });
    while (true) {
      this.skipBlank();
      if (this.i >= this.lines.length) break;
      const l = this.lines[this.i];
      if (this.isMarker(l)) break;
      if (l.indent !== indent) {
        if (l.indent > indent) bail('bad map indentation');
        break;
      }
      if (l.text === '-' || l.text.startsWith('- ')) break;
      const end = this.keyEnd(l.text);
      if (end === -1) bail('not a key');
      const key = this.keyText(l.text.slice(0, end));
      const pos = { line: this.i + 1, column: indent + 1 };
      let rest = l.text.slice(end + 1);
      let col = indent + end + 2;
      while (rest.startsWith(' ')) {
        rest = rest.slice(1);
        col++;
      }
      let value: unknown;
      if (rest === '' || rest.startsWith('#')) {
        this.i++;
        value = this.nested(indent, false);
      } else {
        const r = this.inlineValue(rest, this.i, col, indent, false);
        if (r.anchorOnly !== undefined) {
          this.i++;
          value = this.nested(indent, false);
          this.anchors.set(r.anchorOnly, value);
        } else value = r.value;
      }
      if (key === '<<') {
        const sources = Array.isArray(value) ? value : [value];
        for (const src of sources) {
          if (typeof src !== 'object' || src === null || Array.isArray(src)) bail('merge of a non-map');
          const table = this.positions.get(src as object);
          for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
            if (!(k in out)) {
              out[k] = v;
              keys.set(k, table?.keys?.get(k) ?? pos);
            }
          }
        }
        continue;
      }
      out[key] = value;
      keys.set(key, pos);
    }
    return out;
  }

  /** Index of the `:` that ends a block mapping key on this line, or -1. */
  private keyEnd(text: string): number {
    const c = text[0];
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(text, 0);
      if (close === -1) return -1;
      let j = close + 1;
      while (text[j] === ' ') j++;
      return text[j] === ':' && (j + 1 === text.length || text[j + 1] === ' ') ? j : -1;
    }
    if (c === '[' || c === '{' || c === '#' || c === '&' || c === '*' || c === '!' || c === '|' || c === '>' || c === '%' || c === '@' || c === '`') return -1;
    if (c === '?' && (text.length === 1 || text[1] === ' ')) bail('complex key');
    for (let j = 0; j < text.length; j++) {
      const ch = text[j];
      if (ch === ':' && (j + 1 === text.length || text[j + 1] === ' ')) return j;
      if (ch === '#' && j > 0 && text[j - 1] === ' ') return -1;
    }
    return -1;
  }

  private keyText(raw: string): string {
    const t = raw.trimEnd();
    if (t.startsWith('"') || t.startsWith("'")) {
      const { value } = this.quoted(t, 0, this.i, 0);
      return value;
    }
    return t;
  }

  private quoteEnd(text: string, start: number): number {
    const q = text[start];
    for (let j = start + 1; j < text.length; j++) {
      if (q === "'" && text[j] === "'") {
        if (text[j + 1] === "'") j++;
        else return j;
      } else if (q === '"') {
        if (text[j] === '\\') j++;
        else if (text[j] === '"') return j;
      }
    }
    return -1;
  }

  /**
   * A value that starts on the current line after a key or `-`: anchors, aliases, block
   * scalars, flow collections, quoted and plain scalars. Advances past the lines it used.
   */
  private inlineValue(text: string, lineIdx: number, col: number, parentIndent: number, root: boolean): { value: unknown; anchorOnly?: string } {
    let rest = text;
    let anchor: string | undefined;
    if (rest.startsWith('&')) {
      const m = /^&([^\s,[\]{}]+)(\s+|$)/.exec(rest);
      if (!m) bail('anchor');
      anchor = m![1];
      rest = rest.slice(m![0].length);
      if (rest === '' || rest.startsWith('#')) return { value: undefined, anchorOnly: anchor };
    }
    let value: unknown;
    const c = rest[0];
    if (c === '*') {
      const m = /^\*([^\s,[\]{}]+)\s*(#.*)?$/.exec(rest);
      if (!m || !this.anchors.has(m[1])) bail('alias');
      value = this.anchors.get(m![1]);
      this.i = lineIdx + 1;
    } else if (c === '!' || c === '%' || c === '@' || c === '`' || ((c === '?' || c === '-') && (rest.length === 1 || rest[1] === ' '))) {
      bail('tag or reserved indicator');
    } else if (c === '|' || c === '>') {
      value = this.blockScalar(rest, lineIdx, parentIndent);
    } else if (c === '[' || c === '{') {
      const r = this.flow(lineIdx, this.lines[lineIdx].indent + (this.lines[lineIdx].text.length - rest.length));
      value = r.value;
      this.afterNode(r.line, r.index);
    } else if (c === '"' || c === "'") {
      const start = this.lines[lineIdx].text.length - rest.length;
      const r = this.quoted(this.lines[lineIdx].text, start, lineIdx, parentIndent);
      value = r.value;
      this.afterNode(r.line, r.index);
    } else {
      let end = rest.length;
      for (let j = 0; j < rest.length; j++) {
        if (rest[j] === '#' && j > 0 && (rest[j - 1] === ' ' || rest[j - 1] === '\t')) {
          end = j;
          break;
        }
      }
      const s = rest.slice(0, end).trim();
      if (!root && s.includes(': ')) bail('mapping in a scalar position');
      if (s.endsWith(':')) bail('key without value in scalar position');
      value = resolvePlain(s);
      this.i = lineIdx + 1;
      // A more-indented line after a plain scalar continues it (multi-line plain scalar).
      const save = this.i;
      this.skipBlank();
      if (this.i < this.lines.length && this.lines[this.i].indent > parentIndent && !(root && this.lines[this.i].indent === 0)) {
        const next = this.lines[this.i];
        if (!(next.indent === 0 && (next.text.startsWith('---') || next.text.startsWith('...')))) bail('multi-line plain scalar');
      }
      this.i = save;
    }
    void col;
    if (anchor !== undefined) this.anchors.set(anchor, value);
    return { value };
  }

  /** Only a comment may follow a flow or quoted node on its last line. */
  private afterNode(lineIdx: number, index: number): void {
    const tail = this.lines[lineIdx].text.slice(index - this.lines[lineIdx].indent).trim();
    if (tail !== '' && !tail.startsWith('#')) bail('content after node');
    this.i = lineIdx + 1;
  }

  private blockScalar(header: string, lineIdx: number, parentIndent: number): string {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(header);
    if (!m || (m[2] && m[4])) bail('block scalar header');
    const folded = m![1] === '>';
    const chomp = m![2] || m![4];
    const explicit = m![3] ? parentIndent + Number(m![3]) : null;
    let j = lineIdx + 1;
    // Content indentation: explicit, else the first non-empty line's.
    let indent = explicit ?? -1;
    if (indent === -1) {
      for (let k = j; k < this.lines.length; k++) {
        if (this.lines[k].text !== '') {
          indent = this.lines[k].indent;
          break;
        }
      }
    }
    const body: string[] = [];
    if (indent > parentIndent) {
      for (; j < this.lines.length; j++) {
        const l = this.lines[j];
        if (l.text === '') {
          body.push(l.indent > indent ? ' '.repeat(l.indent - indent) : '');
          continue;
        }
        if (l.indent < indent) break;
        body.push(' '.repeat(l.indent - indent) + l.text);
      }
    }
    // Trailing empty lines belong to the scalar only for keep chomping.
    let last = body.length;
    while (last > 0 && body[last - 1].trim() === '') last--;
    const content = body.slice(0, last);
    const trailing = body.length - last;
    this.i = j;
    // Lines consumed as trailing blanks must not hide a following less-indented line.
    let text: string;
    if (!folded) text = content.join('\n');
    else {
      if (content.some((l) => l.startsWith(' ') || l.startsWith('\t'))) bail('folded scalar with more-indented lines');
      text = '';
      for (let k = 0; k < content.length; k++) {
        const l = content[k];
        if (k === 0) text = l;
        else if (l === '') text += '\n';
        else if (content[k - 1] === '') text += l;
        else text += ' ' + l;
      }
    }
    if (content.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n' + '\n'.repeat(trailing);
    return text + '\n';
  }

  /** A quoted scalar starting at `start` of line `lineIdx` (text without indentation). */
  private quoted(text: string, start: number, lineIdx: number, parentIndent: number): { value: string; line: number; index: number } {
    void parentIndent;
    const q = text[start];
    let out = '';
    let li = lineIdx;
    let s = text;
    let j = start + 1;
    let pendingBreaks = 0;
    let lineStart = false;
    for (;;) {
      if (j >= s.length) {
        // Line folding: a break becomes a space, empty lines become newlines.
        out = out.replace(/[ \t]+$/, '');
        li++;
        if (li >= this.lines.length) bail('unterminated quote');
        s = this.lines[li].text;
        j = 0;
        if (s.trim() === '') {
          pendingBreaks++;
          j = s.length;
          continue;
        }
        out += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
        pendingBreaks = 0;
        lineStart = true;
        continue;
      }
      const ch = s[j];
      if (lineStart && (ch === ' ' || ch === '\t')) {
        j++;
        continue;
      }
      lineStart = false;
      if (q === "'") {
        if (ch === "'") {
          if (s[j + 1] === "'") {
            out += "'";
            j += 2;
            continue;
          }
          return { value: out, line: li, index: this.lines[li].indent + j + 1 };
        }
        out += ch;
        j++;
        continue;
      }
      if (ch === '"') return { value: out, line: li, index: this.lines[li].indent + j + 1 };
      if (ch === '\\') {
        const e = s[j + 1];
        if (e === undefined) {
          // escaped line break: join without a space
          li++;
          if (li >= this.lines.length) bail('unterminated quote');
          s = this.lines[li].text;
          j = 0;
          lineStart = true;
          continue;
        }
        const simple: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
        if (e in simple) {
          out += simple[e];
          j += 2;
          continue;
        }
        const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const hex = s.slice(j + 2, j + 2 + len);
        if (!len || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail('bad escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + len;
        continue;
      }
      out += ch;
      j++;
    }
  }

  /** A flow collection starting at absolute column `absCol` (0-based) of line `lineIdx`. */
  private flow(lineIdx: number, absCol: number): { value: unknown; line: number; index: number } {
    let li = lineIdx;
    let j = absCol - this.lines[li].indent;
    const text = () => this.lines[li].text;
    const skipWs = () => {
      for (;;) {
        const s = text();
        while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
        if (j < s.length && s[j] === '#' && (j === 0 || s[j - 1] === ' ')) j = s.length;
        if (j < s.length) return;
        li++;
        if (li >= this.lines.length) bail('unterminated flow');
        j = 0;
      }
    };
    const pos = (): Pos => ({ line: li + 1, column: this.lines[li].indent + j + 1 });
    const scalar = (inMap: boolean): unknown => {
      const s = text();
      const c = s[j];
      if (c === '"' || c === "'") {
        const r = this.quoted(s, j, li, 0);
        li = r.line;
        j = r.index - this.lines[li].indent;
        return r.value;
      }
      if (c === '*') {
        const m = /^\*([^\s,[\]{}]+)/.exec(s.slice(j));
        if (!m || !this.anchors.has(m[1])) bail('alias');
        j += m![0].length;
        return this.anchors.get(m![1]);
      }
      if (c === '&' || c === '!' || c === '?' || c === '|' || c === '>' || c === '@' || c === '`') bail('flow indicator');
      let k = j;
      while (k < s.length) {
        const ch = s[k];
        if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
        if (ch === ':' && (k + 1 === s.length || s[k + 1] === ' ' || s[k + 1] === ',' || ((s[k + 1] === ']' || s[k + 1] === '}') && inMap))) break;
        if (ch === '#' && s[k - 1] === ' ') break;
        k++;
      }
      const raw = s.slice(j, k).trim();
      j = k;
      return resolvePlain(raw);
    };
    const node = (inMap: boolean): unknown => {
      skipWs();
      const c = text()[j];
      if (c === '[') return seqNode();
      if (c === '{') return mapNode();
      return scalar(inMap);
    };
    const seqNode = (): unknown[] => {
      const out: unknown[] = [];
      const items: Pos[] = [];
      this.positions.set(out, { items });
      j++;
      for (;;) {
        skipWs();
        if (text()[j] === ']') {
          j++;
          return out;
        }
        items.push(pos());
        const v = node(false);
        skipWs();
        if (text()[j] === ':') bail('pair in flow sequence');
        out.push(v);
        skipWs();
        if (text()[j] === ',') j++;
        else if (text()[j] !== ']') bail('flow sequence');
      }
    };
    const mapNode = (): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      const keys = new Map<string, Pos>();
      this.positions.set(out, { keys });
      j++;
      for (;;) {
        skipWs();
        if (text()[j] === '}') {
          j++;
          return out;
        }
        const p = pos();
        const k = scalar(true);
        if (typeof k === 'object' && k !== null) bail('complex flow key');
        skipWs();
        let v: unknown = null;
        if (text()[j] === ':') {
          j++;
          skipWs();
          const c = text()[j];
          v = c === ',' || c === '}' ? null : node(true);
        }
        const key = k === null ? '' : String(k);
        if (key === '<<') bail('merge in flow map');
        out[key] = v;
        keys.set(key, p);
        skipWs();
        if (text()[j] === ',') j++;
        else if (text()[j] !== '}') bail('flow map');
      }
    };
    const value = node(false);
    return { value, line: li, index: this.lines[li].indent + j };
  }
}

/** Parses `text` with the fast reader; null when the input needs the full `yaml` parser. */
export function fastLoad(text: string): FastDoc[] | null {
  try {
    const reader = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return reader.documents().map((d) => ({ ...d, positions: reader.positions }));
  } catch (e) {
    if (e instanceof Fallback) return null;
    throw e;
  }
}
