import { parse, type ParserPlugin } from '@babel/parser';
import type { File, Node } from '@babel/types';
import { LineIndex, ParseError } from '@mcp/core-response';

/**
 * The one parse every quality tool walks. TOOLS.md fixes the configuration: TypeScript + JSX +
 * legacy decorators with `sourceType: "unambiguous"`, so .js/.ts/.jsx/.tsx all parse without a
 * language option.
 */
const PLUGINS: ParserPlugin[] = ['typescript', 'jsx', 'decorators-legacy', 'importAttributes', 'explicitResourceManagement'];

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
  let ast: File;
  try {
    ast = parse(code, {
      sourceType: 'unambiguous',
      plugins: PLUGINS,
      tokens: options.tokens === true,
      errorRecovery: false,
      allowReturnOutsideFunction: false,
      // Comments stay in ast.comments (see commentsBetween); attaching them to nodes is wasted work.
      attachComment: false,
    });
  } catch (error) {
    throw toParseError(error, options.source);
  }
  const parsed: ParsedModule = {
    code,
    ast,
    lines: new LineIndex(code),
    tokens: options.tokens ? (ast.tokens as BabelToken[] | undefined) : undefined,
    memo: new Map(),
  };
  return parsed;
}

/** Babel reports `Unexpected token (3:7)` with a 0-based column; the contract wants 1-based. */
export function toParseError(error: unknown, source?: string): ParseError {
  const e = error as { message?: string; loc?: { line: number; column: number } };
  const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)\s*$/, '');
  const line = e.loc?.line ?? 1;
  const column = (e.loc?.column ?? 0) + 1;
  return new ParseError(message, line, column, source);
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
