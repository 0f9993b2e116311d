import { readdirSync, readFileSync, statSync } from 'node:fs';

/** Spec helper (Node only): every file under a fixture folder as `{path, content}`, sorted by path. */
export function readProject(root: URL, skip: (path: string) => boolean = () => false): { path: string; content: string }[] {
  const files: { path: string; content: string }[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(new URL(rel || '.', root)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(new URL(path, root)).isDirectory()) walk(path);
      else if (!skip(path)) files.push({ path, content: readFileSync(new URL(path, root), 'utf8') });
    }
  };
  walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
