import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LineIndex, ParseError } from '@mcp/core-response';
import { readFastYaml, Unsupported } from './fast-yaml';

/** A JSON path from the document root: object keys and array indexes. */
export type JsonPath = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/**
 * Where each object's members sit in the text. Kept beside the plain value (not inside it)
 * so that rules work on ordinary JS objects and `$ref` resolution keeps object identity:
 * a finding on a referenced object is located where that object is defined.
 */
interface Meta {
  /** Offset of each member key (objects) or item (arrays). */
  at: Map<string | number, number>;
}

/** A parsed YAML or JSON document with offset -> line/column lookups for its nodes. */
export class SourceDoc {
  private readonly lines: LineIndex;
  constructor(
    readonly text: string,
    readonly value: unknown,
    readonly format: 'json' | 'yaml',
    private readonly meta: WeakMap<object, Meta>,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Position of `key` inside `container` (the key's line: TOOLS.md "Positions"). */
  member(container: unknown, key: string | number): Position | undefined {
    if (container === null || typeof container !== 'object') return undefined;
    const at = this.meta.get(container)?.at;
    const offset = at?.get(Array.isArray(container) && typeof key === 'string' ? Number(key) : key);
    return offset === undefined ? undefined : this.lines.position(offset);
  }

  /**
   * Position of a path, walking the raw (unresolved) tree; when the path does not exist
   * (a missing field), the closest existing ancestor, as Spectral reports it.
   */
  locate(path: JsonPath): Position {
    let node: unknown = this.value;
    let best: Position = { line: 1, column: 1 };
    for (const key of path) {
      const pos = this.member(node, key);
      if (!pos) break;
      best = pos;
      node = (node as Record<string, unknown>)[key as string];
    }
    return best;
  }
}

/**
 * Parses JSON (when the text starts with `{` or `[`) or YAML, keeping member positions.
 * YAML goes through the fast block-style reader first and falls back to the `yaml` package
 * for anything that reader does not handle (`engine` forces one, for the spec comparing them).
 */
export function parseSource(text: string, source?: string, engine: 'auto' | 'yaml' | 'fast' = 'auto'): SourceDoc {
  const trimmed = text.trimStart();
  const meta = new WeakMap<object, Meta>();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const value = new JsonReader(text, meta, source).read();
    return new SourceDoc(text, value, 'json', meta);
  }
  if (engine !== 'yaml') {
    const fast = new WeakMap<object, Meta>();
    try {
      const value = readFastYaml(text, {
        at(container, key, offset) {
          let m = fast.get(container);
          if (!m) fast.set(container, (m = { at: new Map() }));
          m.at.set(key, offset);
        },
      });
      return new SourceDoc(text, value, 'yaml', fast);
    } catch (error) {
      if (!(error instanceof Unsupported) || engine === 'fast') throw error;
    }
  }
  return new SourceDoc(text, parseYaml(text, meta, source), 'yaml', meta);
}

function parseYaml(text: string, meta: WeakMap<object, Meta>, source?: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ParseError(error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), pos.line, pos.col, source);
  }
  // Aliases share one converted value, like YAML's own toJS(); `seen` also stops alias cycles.
  const seen = new Map<YamlNode, unknown>();
  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convert(node.resolve(doc));
    if (isScalar(node)) return node.value;
    const known = seen.get(node as YamlNode);
    if (known !== undefined) return known;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const at = new Map<string | number, number>();
      seen.set(node, out);
      meta.set(out, { at });
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const offset = keyNode?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? 0;
        at.set(key, offset);
        setMember(out, key, convert(pair.value));
      }
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      const at = new Map<string | number, number>();
      seen.set(node, out);
      meta.set(out, { at });
      node.items.forEach((item, i) => {
        at.set(i, (item as YamlNode | null)?.range?.[0] ?? 0);
        out.push(convert(item));
      });
      return out;
    }
    return null;
  };
  return convert(doc.contents);
}

/** `__proto__` is an ordinary key in JSON and YAML; never let it reach the prototype. */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A small JSON reader that records member offsets. YAML's parser also reads JSON, but at
 * about 1 s per MiB; this keeps large JSON specs (the common published form) fast.
 */
class JsonReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly meta: WeakMap<object, Meta>,
    private readonly source?: string,
  ) {}

  read(): unknown {
    this.ws();
    const value = this.value();
    this.ws();
    if (this.i < this.s.length) this.fail('Unexpected content after the JSON value');
    return value;
  }

  private fail(message: string): never {
    const { line, column } = new LineIndex(this.s).position(this.i);
    throw new ParseError(message, line, column, this.source);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else break;
    }
  }

  private value(): unknown {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.i)) return (this.i += 4), true;
    if (c === 'f' && this.s.startsWith('false', this.i)) return (this.i += 5), false;
    if (c === 'n' && this.s.startsWith('null', this.i)) return (this.i += 4), null;
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    this.fail(c === undefined ? 'Unexpected end of JSON input' : `Unexpected character ${JSON.stringify(c)}`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const at = new Map<string | number, number>();
    this.meta.set(out, { at });
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return this.i++, out;
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('Expected a property name in double quotes');
      const keyAt = this.i;
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("Expected ':' after a property name");
      this.i++;
      this.ws();
      at.set(key, keyAt);
      setMember(out, key, this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === '}') return this.i++, out;
      else this.fail("Expected ',' or '}' after a property value");
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    const at = new Map<string | number, number>();
    this.meta.set(out, { at });
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') return this.i++, out;
    for (;;) {
      this.ws();
      at.set(out.length, this.i);
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === ']') return this.i++, out;
      else this.fail("Expected ',' or ']' after an array element");
    }
  }

  private string(): string {
    const s = this.s;
    const start = ++this.i;
    // Fast path: no escapes.
    for (let j = start; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 34) {
        this.i = j + 1;
        return s.slice(start, j);
      }
      if (c === 92 || c < 32) break;
    }
    let out = '';
    let j = start;
    for (;;) {
      if (j >= s.length) {
        this.i = j;
        this.fail('Unterminated string');
      }
      const c = s.charCodeAt(j);
      if (c === 34) break;
      if (c < 32) {
        this.i = j;
        this.fail('Bad control character in string');
      }
      if (c === 92) {
        const e = s[j + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          j += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
          out += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16));
          j += 6;
        } else {
          this.i = j;
          this.fail('Bad escape in string');
        }
      } else {
        out += s[j];
        j++;
      }
    }
    this.i = j + 1;
    return out;
  }

  private number(): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const match = m.exec(this.s);
    if (!match) this.fail('Invalid number');
    this.i += match[0].length;
    return Number(match[0]);
  }
}
