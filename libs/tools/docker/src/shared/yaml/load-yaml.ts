import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { ParseError } from '@mcp/core-response';
import { fastLoad, type FastDoc, type PosTable } from './fast-yaml';

/** A step in a path through a YAML value: a map key or a sequence index. */
export type PathSeg = string | number;

/**
 * One non-empty YAML document: its plain value (anchors and `<<` merge keys resolved) and a
 * way back from a path to the source line of the key (or item) that holds it.
 */
export interface YamlDoc {
  /** 0-based index among all documents of the stream, empty ones included. */
  index: number;
  value: unknown;
  /** 1-based line of the document's first content. */
  line: number;
  /** 1-based line (and column) of the key whose value is at `path`, or of the nearest ancestor found. */
  position(path: readonly PathSeg[]): { line: number; column: number };
}

/**
 * Parses a (multi-document) YAML stream. A syntax error anywhere is a ParseError at its line and
 * column; documents that are empty or hold only comments are skipped.
 */
export function loadYaml(text: string, source?: string): YamlDoc[] {
  const fast = fastLoad(text);
  if (fast) return fast.map(fromFast);
  return loadWithYamlPackage(text, source);
}

function fromFast(d: FastDoc): YamlDoc {
  return {
    index: d.index,
    value: d.value,
    line: d.line,
    position: (path) => {
      let at = { line: d.line, column: d.column };
      let node: unknown = d.value;
      for (const seg of path) {
        if (typeof node !== 'object' || node === null) break;
        const table: PosTable | undefined = d.positions.get(node);
        if (Array.isArray(node)) {
          if (typeof seg !== 'number' || seg >= node.length) break;
          const p = table?.items?.[seg];
          if (p) at = p;
          node = node[seg];
        } else {
          const key = String(seg);
          if (!(key in (node as object))) break;
          const p = table?.keys?.get(key);
          if (p) at = p;
          node = (node as Record<string, unknown>)[key];
        }
      }
      return at;
    },
  };
}

/** The `yaml` package: every construct, and the parse errors with their positions. */
export function loadWithYamlPackage(text: string, source?: string): YamlDoc[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlDoc[] = [];
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const offset = error.pos[0];
      const { line, col } = lineCounter.linePos(offset);
      throw new ParseError(firstLine(error.message), line, col, source);
    }
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const start = contents.range?.[0] ?? 0;
      const { line, col } = lineCounter.linePos(start);
      throw new ParseError(e instanceof Error ? firstLine(e.message) : String(e), line, col, source);
    }
    const pos = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    out.push({
      index,
      value,
      line: pos(contents.range?.[0] ?? 0).line,
      position: (path) => locate(doc, contents, path, pos),
    });
  });
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function resolve(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 16 && isAlias(n); i++) n = n.resolve(doc);
  return n;
}

/** Finds the pair for `key` in a map, looking through `<<` merge keys as the value does. */
function findPair(doc: Document, map: unknown, key: string, depth = 0): { key: Node; value: unknown } | null {
  if (!isMap(map) || depth > 8) return null;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return { key: item.key as Node, value: item.value };
  }
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key) || item.key.value !== '<<') continue;
    const targets = isSeq(item.value) ? item.value.items : [item.value];
    for (const t of targets) {
      const found = findPair(doc, resolve(doc, t), key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function locate(
  doc: Document,
  root: Node,
  path: readonly PathSeg[],
  pos: (offset: number) => { line: number; column: number },
): { line: number; column: number } {
  let node: unknown = root;
  let at = pos(root.range?.[0] ?? 0);
  for (const seg of path) {
    node = resolve(doc, node);
    if (isMap(node)) {
      const pair = findPair(doc, node, String(seg));
      if (!pair) break;
      if (pair.key.range) at = pos(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      const r = (resolve(doc, item) as Node | undefined)?.range ?? item.range;
      if (item.range) at = pos(item.range[0]);
      else if (r) at = pos(r[0]);
      node = item;
    } else break;
  }
  return at;
}

/** `a.b[0].c` from a path. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
