import type { Node } from '@babel/types';
import { InputError, ParseError } from '@mcp/core-response';
import { jsonErrorAt } from './json-position';
import { childNodes, parseJs } from '@mcp/core-js';

/**
 * The module graph as node_detect_circular_imports builds it (TOOLS.md): relative specifiers
 * resolved as written, then with extensions, then as a directory's index; a `.js` specifier also
 * finds the `.ts` file (NodeNext); edges from import, export … from, type-only imports,
 * require(), import x = require() and import() with a literal. Bare and builtin specifiers are
 * external. Our own implementation: category libs may not import each other.
 */
export interface Edge {
  from: string;
  to: string;
  line: number;
  column: number;
  kind: 'import' | 'export' | 'require' | 'dynamic-import' | 'import-equals';
}

/** A construct a migration has to deal with, found while walking the file once. */
export interface Construct {
  kind: 'dirname' | 'dynamic-require' | 'require-cache' | 'prototype-mutation' | 'eval';
  line: number;
  column: number;
  text: string;
}

export interface FileInfo {
  path: string;
  lines: number;
  classes: number;
  abstractTypes: number;
  constructs: Construct[];
  parsed: boolean;
}

export interface ModuleGraph {
  files: string[];
  info: Map<string, FileInfo>;
  edges: Edge[];
  /** Resolved local edges per file (deduplicated, in first-import order). */
  adjacency: Map<string, string[]>;
  external: Map<string, string[]>;
}

const SOURCE_EXT = /\.(m|c)?(j|t)sx?$/;
const RESOLVE_EXT = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.json'];

export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '.' : p.slice(0, i);
}

export function resolveSpecifier(spec: string, from: string, files: Set<string>): string | undefined {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return undefined;
  const base = normalizePath(`${dirname(from) === '.' ? '' : `${dirname(from)}/`}${spec.split('?')[0]}`);
  if (files.has(base)) return base;
  for (const ext of RESOLVE_EXT) if (files.has(base + ext)) return base + ext;
  const m = /\.(m|c)?js(x?)$/.exec(base);
  if (m) {
    const stem = base.slice(0, m.index);
    for (const ext of [`.${m[1] ?? ''}ts${m[2]}`, '.ts', '.tsx']) if (files.has(stem + ext)) return stem + ext;
  }
  for (const ext of RESOLVE_EXT) if (files.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}

function literal(n: Node | undefined | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function isRequire(n: Node): n is Node & { type: 'CallExpression' } {
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require';
}

interface Found {
  spec: string;
  line: number;
  column: number;
  kind: Edge['kind'];
}

/** One walk per file: import sites, class counts and migration constructs. */
function scan(path: string, code: string): { found: Found[]; info: FileInfo } {
  const ast = parseJs(code, { source: path, allowReturnOutsideFunction: true });
  const found: Found[] = [];
  const info: FileInfo = { path, lines: code.split('\n').length, classes: 0, abstractTypes: 0, constructs: [], parsed: true };
  const pos = (n: Node) => ({ line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1 });
  const add = (spec: string | undefined, n: Node, kind: Edge['kind']) => {
    if (spec !== undefined) found.push({ spec, kind, ...pos(n) });
  };
  const construct = (kind: Construct['kind'], n: Node, text: string) => info.constructs.push({ kind, text, ...pos(n) });
  // conditional context depth: a require under if/?:/&&/try/function body is conditional
  const visit = (n: Node, conditional: boolean): void => {
    switch (n.type) {
      case 'ImportDeclaration':
        add(n.source.value, n, 'import');
        return;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (n.source) add(n.source.value, n, 'export');
        break;
      case 'TSImportEqualsDeclaration':
        if (n.moduleReference.type === 'TSExternalModuleReference') add(n.moduleReference.expression.value, n, 'import-equals');
        return;
      case 'ImportExpression':
        add(literal(n.source), n, 'dynamic-import');
        break;
      case 'CallExpression':
        if (n.callee.type === 'Import') add(literal(n.arguments[0] as Node), n, 'dynamic-import');
        if (isRequire(n)) {
          const spec = literal(n.arguments[0] as Node);
          if (spec !== undefined) {
            add(spec, n, 'require');
            if (conditional) construct('dynamic-require', n, `require('${spec}') inside a condition`);
          } else construct('dynamic-require', n, 'require() with a computed specifier');
        }
        if (n.callee.type === 'Identifier' && n.callee.name === 'eval') construct('eval', n, 'eval()');
        break;
      case 'NewExpression':
        if (n.callee.type === 'Identifier' && n.callee.name === 'Function') construct('eval', n, 'new Function()');
        break;
      case 'Identifier':
        if (n.name === '__dirname' || n.name === '__filename') construct('dirname', n, n.name);
        return;
      case 'MemberExpression':
        if (n.object.type === 'Identifier' && n.object.name === 'require' && n.property.type === 'Identifier' && ['cache', 'resolve', 'main'].includes(n.property.name)) {
          construct('require-cache', n, `require.${n.property.name}`);
        }
        break;
      case 'AssignmentExpression': {
        const l = n.left;
        if (l.type === 'MemberExpression') {
          const isProto = (m: Node): boolean =>
            m.type === 'MemberExpression' && ((m.property.type === 'Identifier' && m.property.name === 'prototype' && !m.computed) || isProto(m.object));
          if (isProto(l)) construct('prototype-mutation', n, 'assignment to a prototype');
        }
        break;
      }
      case 'ClassDeclaration':
      case 'ClassExpression':
        info.classes++;
        if ((n as { abstract?: boolean }).abstract) info.abstractTypes++;
        break;
      case 'TSInterfaceDeclaration':
        info.classes++;
        info.abstractTypes++;
        break;
      default:
        break;
    }
    const nextConditional =
      conditional ||
      n.type === 'IfStatement' ||
      n.type === 'ConditionalExpression' ||
      n.type === 'LogicalExpression' ||
      n.type === 'TryStatement' ||
      n.type === 'SwitchStatement' ||
      n.type === 'FunctionDeclaration' ||
      n.type === 'FunctionExpression' ||
      n.type === 'ArrowFunctionExpression' ||
      n.type === 'ClassMethod' ||
      n.type === 'ObjectMethod';
    for (const child of childNodes(n)) visit(child, nextConditional);
  };
  // the top-level statements are not conditional; the program's body is walked directly
  for (const stmt of ast.program.body) visit(stmt as Node, false);
  return { found, info };
}

export function buildGraphFromFiles(files: { path: string; content: string }[]): ModuleGraph {
  const paths = files.map((f) => normalizePath(f.path));
  const set = new Set(paths);
  const info = new Map<string, FileInfo>();
  const edges: Edge[] = [];
  const adjacency = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  files.forEach((f, k) => {
    const path = paths[k];
    adjacency.set(path, []);
    if (!SOURCE_EXT.test(path)) {
      info.set(path, { path, lines: f.content.split('\n').length, classes: 0, abstractTypes: 0, constructs: [], parsed: false });
      return;
    }
    let result;
    try {
      result = scan(path, f.content);
    } catch (e) {
      throw e instanceof ParseError ? e.in(f.path) : e;
    }
    info.set(path, result.info);
    const adj = adjacency.get(path)!;
    const ext: string[] = [];
    for (const s of result.found) {
      const to = resolveSpecifier(s.spec, path, set);
      if (to) {
        edges.push({ from: path, to, line: s.line, column: s.column, kind: s.kind });
        if (!adj.includes(to)) adj.push(to);
      } else if (!s.spec.startsWith('.')) {
        if (!ext.includes(s.spec)) ext.push(s.spec);
      }
    }
    external.set(path, ext);
  });
  return { files: paths, info, edges, adjacency, external };
}

/** madge's JSON format, `{"<module>": ["<dependency>", ...]}`: dependencies not listed as keys become nodes too. */
export function buildGraphFromJson(content: string): ModuleGraph {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    const { offset, reason } = jsonErrorAt(content);
    const before = content.slice(0, offset);
    throw new ParseError(`invalid JSON: ${reason}`, before.split('\n').length, offset - before.lastIndexOf('\n'));
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError('content must be a JSON object in madge format: {"module": ["dependency", ...]}');
  const adjacency = new Map<string, string[]>();
  const edges: Edge[] = [];
  const lineOf = (key: string) => {
    const i = content.indexOf(JSON.stringify(key));
    return i === -1 ? 1 : content.slice(0, i).split('\n').length;
  };
  for (const [k, deps] of Object.entries(doc as Record<string, unknown>)) {
    if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string')) throw new InputError(`content: the value of ${JSON.stringify(k)} must be an array of module names`);
    const from = normalizePath(k);
    if (!adjacency.has(from)) adjacency.set(from, []);
    const line = lineOf(k);
    for (const d of deps as string[]) {
      const to = normalizePath(d);
      if (!adjacency.has(to)) adjacency.set(to, []);
      if (!adjacency.get(from)!.includes(to)) adjacency.get(from)!.push(to);
      edges.push({ from, to, line, column: 1, kind: 'import' });
    }
  }
  const files = [...adjacency.keys()];
  const info = new Map(files.map((f) => [f, { path: f, lines: 0, classes: 0, abstractTypes: 0, constructs: [], parsed: false } as FileInfo]));
  return { files, info, edges, adjacency, external: new Map() };
}

export function buildGraph(args: { files?: { path: string; content: string }[]; content?: string }): ModuleGraph {
  if (args.files) return buildGraphFromFiles(args.files);
  if (args.content !== undefined) return buildGraphFromJson(args.content);
  throw new InputError('Missing argument: pass the source as `files`, or the graph as `content` (madge JSON).');
}

/** Strongly connected components (Tarjan, iterative), in discovery order. */
export function stronglyConnected(nodes: string[], adj: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const succ = adj.get(v) ?? [];
      if (i < succ.length) {
        frame[1]++;
        const w = succ[i];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

/** A shortest cycle through a component, starting at its smallest path (BFS back to the start). */
export function shortestCycle(component: string[], adj: Map<string, string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of adj.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0])!);
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Components that are cycles: two or more files, or a file importing itself. */
export function cycles(graph: ModuleGraph): string[][] {
  return stronglyConnected(graph.files, graph.adjacency).filter((c) => c.length > 1 || (graph.adjacency.get(c[0]) ?? []).includes(c[0]));
}
