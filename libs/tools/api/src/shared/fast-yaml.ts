/**
 * A fast reader for the block-style YAML that API documents are written in (mappings,
 * sequences, plain/quoted/block scalars, one-line flow collections, comments). The `yaml`
 * package reads about 1 MiB per second; this reads the same documents about ten times
 * faster. Anything outside that subset (anchors, tags, complex keys, multi-line flow or
 * quoted scalars, tabs, syntax errors) throws `Unsupported`, and the caller falls back to the
 * `yaml` package, which also words the syntax errors. A spec checks that both readers give
 * the same values and positions on real documents.
 */
export class Unsupported extends Error {}

export interface Sink {
  /** Records the offset of a member key (object) or item (array). */
  at(container: object, key: string | number, offset: number): void;
}

interface Line {
  start: number; // offset of the line's first character
  indent: number; // spaces before content
  text: string; // content without indentation and trailing comment/whitespace (raw for block scalars)
  raw: string; // the whole line
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** YAML 1.2 core schema, as the `yaml` package resolves plain scalars by default. */
export function resolvePlain(s: string): unknown {
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
  }
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (INT.test(s)) return Number(s);
    if (FLOAT.test(s)) return Number(s);
    if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
    if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  }
  return s;
}

function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function readFastYaml(text: string, sink: Sink): unknown {
  if (text.includes('\t') || text.includes('\r')) throw new Unsupported('tabs or CR');
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    let indent = 0;
    while (indent < raw.length && raw.charCodeAt(indent) === 32) indent++;
    lines.push({ start, indent, text: raw.slice(indent), raw });
    start = end + 1;
  }
  let i = 0;
  const isBlank = (l: Line) => l.text === '' || l.text.startsWith('#');
  const skipBlank = () => {
    while (i < lines.length && isBlank(lines[i])) i++;
  };
  skipBlank();
  if (i < lines.length && (lines[i].text === '---' || lines[i].text.startsWith('--- '))) {
    if (lines[i].text !== '---') throw new Unsupported('content after ---');
    i++;
    skipBlank();
  }
  if (i < lines.length && (lines[i].text.startsWith('%') || lines[i].indent !== 0)) throw new Unsupported('directive or indented root');
  if (i >= lines.length) return null;

  /** Strips a trailing ` # comment` outside quotes from a one-line value. */
  const stripComment = (s: string): string => {
    const hash = s.indexOf(' #');
    return (hash >= 0 ? s.slice(0, hash) : s).trimEnd();
  };

  /**
   * A quoted scalar that may continue on the following lines (flow folding: a line break is a
   * space, each empty line a newline, an escaped break in "..." nothing). `offset` is absolute;
   * on return `i` is the line after the one where the scalar ends.
   */
  const quotedMulti = (offset: number): string => {
    const q = text[offset];
    let out = '';
    let j = offset + 1;
    for (;;) {
      if (j >= text.length) throw new Unsupported('unterminated quoted scalar');
      const ch = text[j];
      if (ch === '\n') {
        out = out.replace(/[ ]+$/, '');
        let breaks = 0;
        j++;
        for (;;) {
          while (text[j] === ' ') j++;
          if (text[j] === '\n') {
            breaks++;
            j++;
          } else break;
        }
        out += breaks > 0 ? '\n'.repeat(breaks) : ' ';
        continue;
      }
      if (q === '"' && ch === '\\' && text[j + 1] === '\n') {
        j += 2;
        while (text[j] === ' ') j++;
        continue;
      }
      if (q === "'" && ch === "'") {
        if (text[j + 1] === "'") {
          out += "'";
          j += 2;
          continue;
        }
        j++;
        break;
      }
      if (q === '"' && ch === '"') {
        j++;
        break;
      }
      if (q === '"' && ch === '\\') {
        // Decode the escape with the one-line reader.
        const single = /^\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/.exec(text.slice(j, j + 10));
        if (!single) throw new Unsupported('escape');
        out += quoted(`"${single[0]}"`, 0).value;
        j += single[0].length;
        continue;
      }
      out += ch;
      j++;
    }
    // The rest of the closing line must be blank or a comment.
    let lineEnd = text.indexOf('\n', j);
    if (lineEnd < 0) lineEnd = text.length;
    const after = text.slice(j, lineEnd).trim();
    if (after !== '' && !after.startsWith('#')) throw new Unsupported(`text after a quoted scalar: ${after.slice(0, 40)}`);
    while (i < lines.length && lines[i].start <= j) i++;
    return out;
  };

  /** A scalar or one-line flow collection written on one line, starting at `offset`. */
  const inlineValue = (raw: string, offset: number): unknown => {
    const c = raw[0];
    if (c === '"' || c === "'") {
      if (quotedEndsOnLine(raw)) {
        const { value, end } = quoted(raw, 0);
        const rest = raw.slice(end).trim();
        if (rest !== '' && !rest.startsWith('#')) throw new Unsupported('text after a quoted scalar');
        return value;
      }
      return quotedMulti(offset);
    }
    if (c === '[' || c === '{') {
      const s = stripCommentFlow(raw);
      const r = flow(s, 0, offset);
      if (s.slice(r.end).trim() !== '') throw new Unsupported('text after a flow collection');
      return r.value;
    }
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`' || c === '|' || c === '>' || c === '?') throw new Unsupported(`indicator ${c}`);
    const s = stripComment(raw);
    if (s.includes(': ') || s.endsWith(':') || s.startsWith('- ') || s === '-') throw new Unsupported('mapping or sequence in a scalar position');
    return resolvePlain(s);
  };

  const stripCommentFlow = (s: string): string => {
    // Flow collections on one line: a comment can only follow the closing bracket.
    const close = Math.max(s.lastIndexOf(']'), s.lastIndexOf('}'));
    const hash = s.indexOf(' #', close);
    return (hash >= 0 ? s.slice(0, hash) : s).trimEnd();
  };

  /** Whether the quoted scalar opening `s` closes on this line. */
  function quotedEndsOnLine(s: string): boolean {
    try {
      quoted(s, 0);
      return true;
    } catch (error) {
      if (error instanceof Unsupported && error.message === 'multi-line quoted scalar') return false;
      throw error;
    }
  }

  function quoted(s: string, pos: number): { value: string; end: number } {
    const q = s[pos];
    let out = '';
    let j = pos + 1;
    for (;;) {
      if (j >= s.length) throw new Unsupported('multi-line quoted scalar');
      const ch = s[j];
      if (q === "'") {
        if (ch === "'") {
          if (s[j + 1] === "'") {
            out += "'";
            j += 2;
            continue;
          }
          return { value: out, end: j + 1 };
        }
        out += ch;
        j++;
        continue;
      }
      if (ch === '"') return { value: out, end: j + 1 };
      if (ch === '\\') {
        const e = s[j + 1];
        const simple: Record<string, string> = {
          '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
          N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
        };
        if (e in simple) {
          out += simple[e];
          j += 2;
          continue;
        }
        const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const hex = s.slice(j + 2, j + 2 + len);
        if (len === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Unsupported('escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + len;
        continue;
      }
      out += ch;
      j++;
    }
  }

  /** One-line flow collection starting at s[pos] (`[` or `{`); `base` is s's offset in the text. */
  function flow(s: string, pos: number, base: number): { value: unknown; end: number } {
    const ws = () => {
      while (pos < s.length && s[pos] === ' ') pos++;
    };
    const item = (): unknown => {
      ws();
      const c = s[pos];
      if (c === '[' || c === '{') {
        const r = flow(s, pos, base);
        pos = r.end;
        return r.value;
      }
      if (c === '"' || c === "'") {
        const r = quoted(s, pos);
        pos = r.end;
        return r.value;
      }
      if (c === '&' || c === '*' || c === '!' || c === '?') throw new Unsupported('flow indicator');
      let j = pos;
      while (j < s.length && s[j] !== ',' && s[j] !== ']' && s[j] !== '}' && !(s[j] === ':' && (s[j + 1] === ' ' || s[j + 1] === ',' || s[j + 1] === '}' || s[j + 1] === ']' || j + 1 === s.length))) j++;
      const plain = s.slice(pos, j).trim();
      pos = j;
      return resolvePlain(plain);
    };
    if (s[pos] === '[') {
      const out: unknown[] = [];
      pos++;
      ws();
      if (s[pos] === ']') return { value: out, end: pos + 1 };
      for (;;) {
        ws();
        const at = pos;
        const value = item();
        ws();
        if (s[pos] === ':') throw new Unsupported('pair in flow sequence');
        sink.at(out, out.length, base + at);
        out.push(value);
        if (s[pos] === ',') {
          pos++;
          ws();
          if (s[pos] === ']') return { value: out, end: pos + 1 };
          continue;
        }
        if (s[pos] === ']') return { value: out, end: pos + 1 };
        throw new Unsupported('flow sequence syntax');
      }
    }
    const out: Record<string, unknown> = {};
    pos++;
    ws();
    if (s[pos] === '}') return { value: out, end: pos + 1 };
    for (;;) {
      ws();
      const at = pos;
      const key = item();
      if (key !== null && typeof key === 'object') throw new Unsupported('complex key');
      ws();
      let value: unknown = null;
      if (s[pos] === ':') {
        pos++;
        value = item();
        ws();
      }
      const k = String(key);
      if (Object.prototype.hasOwnProperty.call(out, k)) throw new Unsupported('duplicate key');
      sink.at(out, k, base + at);
      setMember(out, k, value);
      if (s[pos] === ',') {
        pos++;
        ws();
        if (s[pos] === '}') return { value: out, end: pos + 1 };
        continue;
      }
      if (s[pos] === '}') return { value: out, end: pos + 1 };
      throw new Unsupported('flow mapping syntax');
    }
  }

  /** `key: rest` at the start of `t`: the key and where the value text starts, or undefined. */
  function splitKey(t: string): { key: string; rest: string; restAt: number } | undefined {
    const c = t[0];
    if (c === '"' || c === "'") {
      const r = quoted(t, 0);
      if (t[r.end] !== ':' || (r.end + 1 < t.length && t[r.end + 1] !== ' ')) return undefined;
      const restAt = r.end + 1 + (t.length > r.end + 1 ? 1 : 0);
      return { key: r.value, rest: t.slice(restAt).trimStart(), restAt: restAt + (t.slice(restAt).length - t.slice(restAt).trimStart().length) };
    }
    if (c === '[' || c === '{' || c === '&' || c === '*' || c === '!' || c === '?' || c === '|' || c === '>' || c === '%' || c === '@' || c === '`' || c === '#') return undefined;
    let j = t.indexOf(': ');
    if (j < 0) j = t.endsWith(':') ? t.length - 1 : -1;
    if (j <= 0) return undefined;
    const key = t.slice(0, j);
    if (key.includes(' #')) return undefined;
    const after = t.slice(j + 1);
    const rest = after.trimStart();
    // Plain keys resolve like any plain scalar (`200` is a number, `1.0` is 1), then become strings.
    return { key: String(resolvePlain(key.trimEnd())), rest, restAt: j + 1 + (after.length - rest.length) };
  }

  /** Whether a line starts a mapping entry (a quoted scalar running on to the next line does not). */
  function isKeyLine(t: string): boolean {
    try {
      return splitKey(t) !== undefined;
    } catch (error) {
      if (error instanceof Unsupported) return false;
      throw error;
    }
  }

  /** A block scalar (`|`, `>`, with chomping) whose header is `header`; body lines more indented than `parentIndent`. */
  function blockScalar(header: string, parentIndent: number): string {
    const m = /^([|>])([-+]?)\s*(#.*)?$/.exec(header);
    if (!m) throw new Unsupported('block scalar header');
    const folded = m[1] === '>';
    const chomp = m[2];
    const body: string[] = [];
    let indent = -1;
    while (i < lines.length) {
      const l = lines[i];
      if (l.text === '') {
        body.push('');
        i++;
        continue;
      }
      if (indent < 0) {
        if (l.indent <= parentIndent) break;
        indent = l.indent;
      }
      if (l.indent < indent) break;
      body.push(l.raw.slice(indent));
      i++;
    }
    // Trailing empty lines belong to the scalar only for chomping.
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let value: string;
    if (!folded) value = body.join('\n');
    else {
      // Folding: the break between two text lines becomes a space, or the empty lines between
      // them become newlines; next to a more-indented line the break itself is kept too.
      value = '';
      let breaks = 0;
      let prev: string | undefined;
      for (const cur of body) {
        if (cur === '') {
          breaks++;
          continue;
        }
        if (prev === undefined) value = '\n'.repeat(breaks) + cur;
        else if (!prev.startsWith(' ') && !cur.startsWith(' ')) value += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + cur;
        else value += '\n' + '\n'.repeat(breaks) + cur;
        prev = cur;
        breaks = 0;
      }
    }
    if (body.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    if (chomp === '-') return value;
    if (chomp === '+') return value + '\n' + '\n'.repeat(trailing);
    return value + '\n';
  }

  /** Plain scalar continued on more-indented lines (folded with single spaces). */
  function plainContinuation(first: string, parentIndent: number): string {
    let value = first;
    while (i < lines.length) {
      const l = lines[i];
      if (l.text === '' || l.indent <= parentIndent) break;
      if (l.text.startsWith('#')) throw new Unsupported('comment inside a plain scalar');
      const t = stripComment(l.text);
      if (t.includes(': ') || t.endsWith(':') || t.startsWith('- ')) throw new Unsupported('ambiguous continuation');
      value += ' ' + t;
      i++;
    }
    if (i < lines.length && lines[i].text === '' ) {
      // An empty line inside a multi-line plain scalar is a newline: leave that to the yaml package.
      let k = i;
      while (k < lines.length && lines[k].text === '') k++;
      if (k < lines.length && lines[k].indent > parentIndent && !lines[k].text.startsWith('#')) throw new Unsupported('blank line in plain scalar');
    }
    return value;
  }

  /** The value after `key:` (or `- `) whose text `rest` starts at `restOffset`; `indent` is the owner's column. */
  function valueAfter(rest: string, restOffset: number, indent: number, allowCompactSeq: boolean): unknown {
    if (rest === '' || rest.startsWith('#')) {
      skipBlank();
      if (i >= lines.length) return null;
      const l = lines[i];
      if (l.indent > indent) {
        const isCollection = l.text === '-' || l.text.startsWith('- ') || isKeyLine(l.text);
        if (!isCollection) {
          // A scalar written on the next line(s).
          i++;
          if (l.text[0] === '"' || l.text[0] === "'") return inlineValue(l.text, l.start + l.indent);
          if (l.text[0] === '[' || l.text[0] === '{' || l.text[0] === '|' || l.text[0] === '>') throw new Unsupported('collection or block scalar on the next line');
          const v = inlineValue(l.text, l.start + l.indent);
          if (typeof v !== 'string') {
            if (i < lines.length && lines[i].text !== '' && !lines[i].text.startsWith('#') && lines[i].indent > indent) throw new Unsupported('continued scalar');
            return v;
          }
          return plainContinuation(stripComment(l.text), indent);
        }
        return block(l.indent);
      }
      if (allowCompactSeq && l.indent === indent && (l.text === '-' || l.text.startsWith('- '))) return sequence(indent);
      return null;
    }
    if (rest[0] === '|' || rest[0] === '>') return blockScalar(rest, indent);
    if (rest[0] === '"' || rest[0] === "'" || rest[0] === '[' || rest[0] === '{') return inlineValue(rest, restOffset);
    const v = inlineValue(rest, restOffset);
    if (typeof v === 'string') return plainContinuation(stripComment(rest), indent);
    // A number/bool/null followed by continuation lines would be a string: let yaml decide.
    if (i < lines.length && lines[i].text !== '' && !lines[i].text.startsWith('#') && lines[i].indent > indent) throw new Unsupported('continued scalar');
    return v;
  }

  function block(indent: number): unknown {
    const l = lines[i];
    if (l.text === '-' || l.text.startsWith('- ')) return sequence(indent);
    if (splitKey(l.text)) return mapping(indent);
    throw new Unsupported('scalar block');
  }

  function mapping(indent: number, first?: { text: string; offset: number }): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let pending = first;
    for (;;) {
      let t: string;
      let offset: number;
      if (pending) {
        t = pending.text;
        offset = pending.offset;
        pending = undefined;
      } else {
        skipBlank();
        if (i >= lines.length) break;
        const l = lines[i];
        if (l.indent < indent) break;
        if (l.indent > indent) throw new Unsupported('bad indentation');
        if (l.text === '-' || l.text.startsWith('- ')) break;
        t = l.text;
        offset = l.start + l.indent;
        i++;
      }
      const kv = splitKey(t);
      if (!kv) throw new Unsupported('not a mapping entry');
      if (Object.prototype.hasOwnProperty.call(out, kv.key)) throw new Unsupported('duplicate key');
      sink.at(out, kv.key, offset);
      const rest = kv.rest;
      setMember(out, kv.key, valueAfter(rest, offset + kv.restAt, indent, true));
    }
    return out;
  }

  function sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      skipBlank();
      if (i >= lines.length) break;
      const l = lines[i];
      if (l.indent !== indent || !(l.text === '-' || l.text.startsWith('- '))) {
        if (l.indent > indent) throw new Unsupported('bad indentation');
        break;
      }
      i++;
      const body = l.text === '-' ? '' : l.text.slice(2);
      const lead = body.length - body.trimStart().length;
      const content = body.trimStart();
      const contentCol = indent + 2 + lead;
      const offset = l.start + contentCol;
      if (content === '' || content.startsWith('#')) {
        skipBlank();
        if (i < lines.length && lines[i].indent > indent) {
          sink.at(out, out.length, lines[i].start + lines[i].indent);
          out.push(block(lines[i].indent));
        } else {
          sink.at(out, out.length, offset);
          out.push(null);
        }
        continue;
      }
      sink.at(out, out.length, offset);
      if (content.startsWith('- ') || content === '-') throw new Unsupported('compact nested sequence');
      if (content[0] !== '"' && content[0] !== "'" && content[0] !== '[' && content[0] !== '{' && splitKey(content)) {
        out.push(mapping(contentCol, { text: content, offset }));
        continue;
      }
      if ((content[0] === '"' || content[0] === "'") && splitKey(content)) {
        out.push(mapping(contentCol, { text: content, offset }));
        continue;
      }
      out.push(valueAfter(content, offset, indent, false));
    }
    return out;
  }

  const root = block(0);
  skipBlank();
  if (i < lines.length) throw new Unsupported('content after the root node');
  return root;
}
