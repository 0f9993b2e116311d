import { ParseError } from '@mcp/core-response';
import { entryOf, parseJsonTree, type JsonNode } from '../json-tree';
import { sourceOf, unreferencedEntries, type LockEntry, type Lockfile } from './model';

interface NpmPackage {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface NpmV1Dep {
  version?: string;
  resolved?: string;
  integrity?: string;
  requires?: Record<string, string>;
  dependencies?: Record<string, NpmV1Dep>;
}

/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 to 3. */
export function parseNpmLock(text: string, source?: string): Lockfile {
  const { value, root } = parseJsonTree(text, source);
  const doc = value as { lockfileVersion?: number; packages?: Record<string, NpmPackage>; dependencies?: Record<string, NpmV1Dep> };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof doc.lockfileVersion !== 'number') {
    throw new ParseError('Not a package-lock.json: no numeric "lockfileVersion"', root.line, root.column, source);
  }
  const byPath = new Map<string, LockEntry>();
  let rootDeps: Record<string, string> = {};
  if (doc.packages && typeof doc.packages === 'object') {
    const packagesNode = entryOf(root, 'packages')?.value;
    const lines = new Map<string, number>();
    if (packagesNode?.kind === 'object') for (const e of packagesNode.entries) lines.set(e.key, e.line);
    for (const [path, pkg] of Object.entries(doc.packages)) {
      if (path === '') {
        rootDeps = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies, ...pkg.devDependencies };
        continue;
      }
      const at = path.lastIndexOf('node_modules/');
      const name = pkg.name ?? (at === -1 ? path : path.slice(at + 'node_modules/'.length));
      byPath.set(path, {
        id: path,
        name,
        version: pkg.version ?? '',
        resolved: pkg.resolved,
        integrity: pkg.integrity,
        line: lines.get(path) ?? 1,
        dependencies: { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies },
        source: pkg.link ? 'link' : !path.includes('node_modules/') ? 'workspace' : (sourceOf(pkg.resolved) ?? 'registry'),
      });
    }
  } else if (doc.dependencies && typeof doc.dependencies === 'object') {
    // v1: a nested tree; flatten it into v2-style paths so both share one resolver.
    const visit = (deps: Record<string, NpmV1Dep>, node: JsonNode | undefined, prefix: string) => {
      for (const [name, dep] of Object.entries(deps)) {
        const path = `${prefix}node_modules/${name}`;
        const entryNode = entryOf(node, name);
        const resolved = dep.resolved ?? (dep.version && !/^\d/.test(dep.version) ? dep.version : undefined);
        byPath.set(path, {
          id: path,
          name,
          version: dep.version ?? '',
          resolved,
          integrity: dep.integrity,
          line: entryNode?.line ?? 1,
          dependencies: { ...dep.requires },
          source: sourceOf(resolved) ?? 'registry',
        });
        if (dep.dependencies) visit(dep.dependencies, entryOf(entryNode?.value, 'dependencies')?.value, `${path}/`);
      }
    };
    visit(doc.dependencies, entryOf(root, 'dependencies')?.value, '');
  }

  const resolve = (from: LockEntry, name: string): LockEntry | undefined => {
    let dir = from.source === 'link' && from.resolved && byPath.has(from.resolved) ? from.resolved : from.id;
    for (;;) {
      const hit = byPath.get(`${dir ? `${dir}/` : ''}node_modules/${name}`);
      if (hit) return hit.source === 'link' && hit.resolved ? (byPath.get(hit.resolved) ?? hit) : hit;
      if (dir === '') return undefined;
      const cut = dir.lastIndexOf('/node_modules/');
      dir = cut === -1 ? '' : dir.slice(0, cut);
    }
  };
  const entries = [...byPath.values()];
  const rootEntry: LockEntry = { id: '', name: '', version: '', line: 1, dependencies: rootDeps, source: 'workspace' };
  const declared = Object.keys(rootDeps);
  // Workspace folders are projects of the root too: their dependencies start at depth 2.
  const workspaces = entries.filter((e) => e.source === 'workspace');
  const roots = declared.length > 0
    ? [...new Set([...declared.map((n) => resolve(rootEntry, n)).filter((e): e is LockEntry => !!e), ...workspaces])]
    : unreferencedEntries(entries.filter((e) => !e.id.includes('/node_modules/')), resolve);
  return { format: 'package-lock', formatVersion: String(doc.lockfileVersion), entries, roots, resolve };
}
