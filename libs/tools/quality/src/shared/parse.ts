import type { File, Node } from '@babel/types';
import { LineIndex } from '@mcp/core-response';
import { parseJs } from '@mcp/core-js';

// The one parse every quality tool walks, with the configuration all categories share
// (@mcp/core-js), so .js/.ts/.jsx/.tsx all parse without a language option.

export interface ParsedModule {
  code: string;
  ast: File;
  lines: LineIndex;
  /** Parser tokens, only when asked for (the duplicate detector needs them). */
  tokens?: BabelToken[];
  /** Lazily computed analyses shared by the tools that walk this AST (see analysis.ts). */
  memo: Map<string, unknown>;
}

export interface BabelToken {
  type: { label: string } | string;
  value?: unknown;
  start: number;
  end: number;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

// No cache across calls: a parsed 1 MiB module is tens of MB, and a worker isolate has 128 MB.
// Within a call, analyses share one ParsedModule (and its memo) instead of parsing again.
export function parseModule(code: string, options: { source?: string; tokens?: boolean } = {}): ParsedModule {
  const ast = parseJs(code, { source: options.source, tokens: options.tokens });
  return { code, ast, lines: new LineIndex(code), tokens: options.tokens ? (ast.tokens as BabelToken[] | undefined) : undefined, memo: new Map() };
}

/** Memoizes one analysis of a parsed module, so tools share it instead of recomputing. */
export function memo<T>(mod: ParsedModule, key: string, compute: () => T): T {
  if (mod.memo.has(key)) return mod.memo.get(key) as T;
  const value = compute();
  mod.memo.set(key, value);
  return value;
}

export function textOf(mod: ParsedModule, node: Node): string {
  return mod.code.slice(node.start ?? 0, node.end ?? 0);
}

/** Comments lying entirely between two offsets, found by binary search over the sorted comments. */
export function commentsBetween(mod: ParsedModule, from: number, to: number): Array<{ value: string; start: number; end: number }> {
  const comments = memo(mod, 'comments', () => (mod.ast.comments ?? []).map((c) => ({ value: c.value, start: c.start ?? 0, end: c.end ?? 0 })).sort((a, b) => a.start - b.start));
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<{ value: string; start: number; end: number }> = [];
  for (let i = lo; i < comments.length && comments[i].start < to; i++) if (comments[i].end <= to) out.push(comments[i]);
  return out;
}
