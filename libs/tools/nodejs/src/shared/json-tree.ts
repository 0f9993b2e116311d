import { ParseError } from '@mcp/core-response';

/**
 * A JSON parser that keeps where every key sits. JSON.parse loses positions and silently keeps
 * the last of two duplicate keys; manifest and lockfile findings must point at the key's line
 * (TOOLS.md "Positions") and npm-package-json-lint's `no-duplicate-properties` needs the duplicates.
 */
export type JsonNode =
  | { kind: 'object'; line: number; column: number; entries: JsonEntry[] }
  | { kind: 'array'; line: number; column: number; items: JsonNode[] }
  | { kind: 'string'; line: number; column: number; value: string }
  | { kind: 'number'; line: number; column: number; value: number }
  | { kind: 'boolean'; line: number; column: number; value: boolean }
  | { kind: 'null'; line: number; column: number };

export interface JsonEntry {
  key: string;
  line: number;
  column: number;
  value: JsonNode;
}

export interface ParsedJson {
  /** The plain value, as JSON.parse would give it (last duplicate wins). */
  value: unknown;
  root: JsonNode;
}

export function parseJsonTree(text: string, source?: string): ParsedJson {
  const p = new Parser(text, source);
  p.ws();
  const [value, root] = p.value();
  p.ws();
  if (p.i < text.length) p.fail('Unexpected content after the JSON value');
  return { value, root };
}

class Parser {
  i = 0;
  private line = 1;
  private lineStart = 0;
  constructor(
    private readonly s: string,
    private readonly source?: string,
  ) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  fail(message: string): never {
    throw new ParseError(message, this.line, this.i - this.lineStart + 1, this.source);
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 10) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === 32 || c === 9 || c === 13) this.i++;
      else return;
    }
  }

  value(): [unknown, JsonNode] {
    const line = this.line;
    const column = this.i - this.lineStart + 1;
    const c = this.s[this.i];
    if (c === '{') return this.object(line, column);
    if (c === '[') return this.array(line, column);
    if (c === '"') {
      const value = this.string();
      return [value, { kind: 'string', line, column, value }];
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = this.i;
      const hit = m.exec(this.s);
      if (!hit) this.fail(`Invalid number`);
      this.i += hit[0].length;
      const value = Number(hit[0]);
      return [value, { kind: 'number', line, column, value }];
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return value === null ? [null, { kind: 'null', line, column }] : [value, { kind: 'boolean', line, column, value }];
      }
    }
    if (this.i >= this.s.length) this.fail('Unexpected end of JSON input');
    this.fail(`Unexpected token ${JSON.stringify(c)}`);
  }

  private object(line: number, column: number): [unknown, JsonNode] {
    this.i++;
    const out: Record<string, unknown> = {};
    const entries: JsonEntry[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return [out, { kind: 'object', line, column, entries }];
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('Expected a double-quoted property name');
      const keyLine = this.line;
      const keyColumn = this.i - this.lineStart + 1;
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`Expected ':' after property name ${JSON.stringify(key)}`);
      this.i++;
      this.ws();
      const [v, node] = this.value();
      // defineProperty: a "__proto__" key must become data, not the prototype.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      entries.push({ key, line: keyLine, column: keyColumn, value: node });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return [out, { kind: 'object', line, column, entries }];
      }
      this.fail(c === undefined ? 'Unexpected end of JSON input' : `Expected ',' or '}' after property value`);
    }
  }

  private array(line: number, column: number): [unknown, JsonNode] {
    this.i++;
    const out: unknown[] = [];
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return [out, { kind: 'array', line, column, items }];
    }
    for (;;) {
      this.ws();
      const [v, node] = this.value();
      out.push(v);
      items.push(node);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return [out, { kind: 'array', line, column, items }];
      }
      this.fail(c === undefined ? 'Unexpected end of JSON input' : `Expected ',' or ']' after array element`);
    }
  }

  private string(): string {
    const s = this.s;
    const start = ++this.i;
    // Fast path: no escapes.
    const close = s.indexOf('"', start);
    if (close === -1) this.fail('Unterminated string');
    const chunk = s.slice(start, close);
    // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings: detecting them is the point
    if (chunk.indexOf('\\') === -1 && !/[\u0000-\u001f]/.test(chunk)) {
      this.i = close + 1;
      return chunk;
    }
    let out = '';
    let i = start;
    for (;;) {
      const c = s[i];
      if (c === undefined) {
        this.i = i;
        this.fail('Unterminated string');
      }
      if (c === '"') break;
      if (c < ' ') {
        this.i = i;
        this.fail('Bad control character in string literal');
      }
      if (c === '\\') {
        const e = s[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e === undefined || !(e in map)) {
          this.i = i;
          this.fail('Bad escaped character in string literal');
        }
        out += map[e];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    this.i = i + 1;
    return out;
  }
}

/** The entry of `key` in an object node (the last one, like JSON.parse). */
export function entryOf(node: JsonNode | undefined, key: string): JsonEntry | undefined {
  if (!node || node.kind !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

/** Follows object keys and array indexes; returns the deepest entry line reached. */
export function lineAt(root: JsonNode, path: (string | number)[]): number {
  let node: JsonNode | undefined = root;
  let line = root.line;
  for (const step of path) {
    if (!node) break;
    if (typeof step === 'number' && node.kind === 'array') {
      node = node.items[step];
      if (node) line = node.line;
    } else {
      const entry = entryOf(node, String(step));
      if (!entry) break;
      line = entry.line;
      node = entry.value;
    }
  }
  return line;
}
