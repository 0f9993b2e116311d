import type { Node } from '@babel/types';
import type { ParsedModule } from '../shared/parse';
import type { FunctionInfo } from '../shared/metrics';
import { scopesOf } from '../shared/scope';
import { memo, textOf } from '../shared/parse';

/** At most `n` lines of a code excerpt, re-indented, with an ellipsis when cut. */
export function excerpt(text: string, n = 6): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.slice(1).filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length), Infinity);
  const body = lines.map((l, i) => (i === 0 || !Number.isFinite(indent) ? l : l.slice(indent)));
  return body.length > n ? [...body.slice(0, n - 1), '  // ...', body[body.length - 1]].join('\n') : body.join('\n');
}

const words = (s: string) => (s.match(/[A-Za-z][a-z0-9]*|[A-Z]+(?![a-z])/g) ?? []).map((w) => w.toLowerCase());
export const camel = (parts: string[]) => parts.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
export const pascal = (parts: string[]) => parts.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
export const upperSnake = (parts: string[]) => parts.map((w) => w.toUpperCase()).join('_');

/** Identifiers of a node, in order, without duplicates. */
export function identifiersIn(mod: ParsedModule, node: Node): string[] {
  return [...new Set(words(textOf(mod, node).replace(/(['"`]).*?\1/g, '')))].filter((w) => !['this', 'return', 'const', 'let', 'var', 'new', 'true', 'false', 'null', 'undefined', 'if', 'else', 'for', 'of', 'in', 'while', 'await', 'async', 'typeof', 'instanceof', 'throw', 'function'].includes(w));
}

/**
 * The statements of a function body worth extracting: the longest top-level statement (a loop,
 * an if, a try) or, failing that, the longest run of consecutive statements.
 */
export function extractionCandidate(fn: FunctionInfo): Node[] | null {
  const body = (fn.node as { body?: Node }).body;
  if (!body || body.type !== 'BlockStatement' || body.body.length === 0) return null;
  const lines = (n: Node) => (n.loc?.end.line ?? 0) - (n.loc?.start.line ?? 0) + 1;
  const stmts = body.body;
  const longest = [...stmts].sort((a, b) => lines(b) - lines(a) || (a.start ?? 0) - (b.start ?? 0))[0];
  if (lines(longest) >= 5) return [longest];
  // A run of statements in the middle (keep the first declarations and the final return outside).
  const run = stmts.filter((s, i) => i > 0 && s.type !== 'ReturnStatement');
  return run.length >= 2 ? run : null;
}

/** Variables a block reads that are declared outside it in the same function: the helper's parameters. */
export function freeVariables(mod: ParsedModule, fn: FunctionInfo, block: Node[]): { inputs: string[]; outputs: string[] } {
  // References sorted by position (once per parse), so each function looks only at its own.
  const refs = memo(mod, 'refsByStart', () => [...scopesOf(mod).refs].sort((a, b) => (a.id.start ?? 0) - (b.id.start ?? 0)));
  const start = block[0].start ?? 0;
  const end = block[block.length - 1].end ?? 0;
  const fnStart = fn.node.start ?? 0;
  const fnEnd = fn.node.end ?? 0;
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((refs[mid].id.start ?? 0) < fnStart) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < refs.length && (refs[i].id.start ?? 0) < fnEnd; i++) {
    const r = refs[i];
    const pos = r.id.start ?? 0;
    const b = r.resolved;
    if (!b || b.kind === 'implicit') continue;
    const declAt = b.id.start ?? 0;
    const declaredInFn = declAt >= fnStart && declAt < fnEnd;
    const declaredInBlock = declAt >= start && declAt < end;
    if (pos >= start && pos < end && declaredInFn && !declaredInBlock) {
      if (r.read) inputs.add(b.name);
      if (r.write) outputs.add(b.name);
    }
    // Declared inside the block but used after it: the helper must return it.
    if (declaredInBlock && pos >= end && pos < fnEnd) outputs.add(b.name);
  }
  return { inputs: [...inputs], outputs: [...outputs] };
}
