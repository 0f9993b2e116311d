/**
 * Relative-import resolution over an in-memory file set, as Node and TypeScript (NodeNext)
 * resolve local files: the specifier as written, then with each extension, then as a
 * directory's index file; a `.js`-family specifier also resolves to its TypeScript source.
 */
export const RESOLVE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.json'];
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else out.push('..');
    } else out.push(part);
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** The file `specifier` (relative) refers to from `from`, or undefined when no such file is given. */
export function resolveRelative(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  const clean = specifier.replace(/[?#].*$/, '');
  const target = normalizePath(`${dirname(normalizePath(from))}/${clean}`);
  if (files.has(target)) return target;
  for (const ext of RESOLVE_EXTENSIONS) if (files.has(target + ext)) return target + ext;
  const dot = target.lastIndexOf('.');
  const ext = dot > target.lastIndexOf('/') ? target.slice(dot) : '';
  for (const ts of TS_FOR_JS[ext] ?? []) {
    const candidate = target.slice(0, -ext.length) + ts;
    if (files.has(candidate)) return candidate;
  }
  for (const e of RESOLVE_EXTENSIONS) {
    const index = `${target ? `${target}/` : ''}index${e}`;
    if (files.has(index)) return index;
  }
  return undefined;
}
