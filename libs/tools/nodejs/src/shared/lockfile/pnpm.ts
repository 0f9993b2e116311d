import { LineCounter, isMap, isScalar, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { ParseError } from '@mcp/core-response';
import { sourceOf, type LockEntry, type Lockfile } from './model';

interface PnpmPackage {
  resolution?: { integrity?: string; tarball?: string; type?: string; repo?: string; commit?: string; directory?: string };
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface ImporterDeps {
  dependencies?: Record<string, string | { version: string }>;
  devDependencies?: Record<string, string | { version: string }>;
  optionalDependencies?: Record<string, string | { version: string }>;
}

/** pnpm-lock.yaml, lockfileVersion 6.x to 9.x (and the 5.x `/name/version` keys on the way). */
export function parsePnpmLock(text: string, source?: string): Lockfile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, strict: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ParseError(err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), pos.line, pos.col, source);
  }
  const data = doc.toJS({ maxAliasCount: -1 }) as {
    lockfileVersion?: string | number;
    importers?: Record<string, ImporterDeps>;
    packages?: Record<string, PnpmPackage>;
    snapshots?: Record<string, PnpmPackage>;
  } & ImporterDeps;
  if (!data || typeof data !== 'object' || data.lockfileVersion === undefined) {
    throw new ParseError('Not a pnpm-lock.yaml: no "lockfileVersion"', 1, 1, source);
  }
  const version = String(data.lockfileVersion);
  const major = parseInt(version, 10);
  const keyLines = new Map<string, number>();
  const packagesNode = isMap(doc.contents) ? (doc.contents.get('packages', true) as YamlNode | undefined) : undefined;
  if (isMap(packagesNode)) {
    for (const pair of (packagesNode as YAMLMap).items) {
      if (isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    }
  }

  const snapshotsByBase = new Map<string, PnpmPackage[]>();
  for (const [k, v] of Object.entries(data.snapshots ?? {})) {
    const base = stripPeers(k);
    const list = snapshotsByBase.get(base);
    if (list) list.push(v);
    else snapshotsByBase.set(base, [v]);
  }
  const byKey = new Map<string, LockEntry>();
  for (const [key, pkg] of Object.entries(data.packages ?? {})) {
    const { name, version: v } = splitKey(key);
    const snapshotDeps = major >= 9 ? mergeSnapshots(snapshotsByBase.get(stripPeers(key))) : undefined;
    const res = pkg?.resolution ?? {};
    const resolved = res.tarball ?? (res.repo ? `${res.repo}#${res.commit ?? ''}` : undefined);
    const source: LockEntry['source'] = res.type === 'git' ? 'git' : res.type === 'directory' ? 'file' : (sourceOf(resolved) ?? 'registry');
    byKey.set(stripPeers(key), {
      id: key,
      name: pkg?.name ?? name,
      version: pkg?.version ?? v,
      resolved,
      integrity: res.integrity,
      line: keyLines.get(key) ?? 1,
      dependencies: snapshotDeps ?? { ...pkg?.dependencies, ...pkg?.optionalDependencies },
      source,
    });
  }
  const entryFor = (name: string, ref: string): LockEntry | undefined => {
    if (/^(link|file|workspace):/.test(ref)) return undefined;
    const bare = stripPeers(ref);
    // An alias (`npm:other@1.0.0` in package.json) is recorded as the real key.
    const isKey = /^\/|^@?[^@/(]+(\/[^@/(]+)?@/.test(bare) && !/^\d/.test(bare);
    const candidates = isKey ? [bare, `/${bare}`, bare.replace(/^\//, '')] : [`${name}@${bare}`, `/${name}@${bare}`, `/${name}/${bare}`];
    for (const c of candidates) {
      const hit = byKey.get(c);
      if (hit) return hit;
    }
    return undefined;
  };
  const resolve = (_from: LockEntry, name: string, ref: string) => entryFor(name, ref);

  const importers: ImporterDeps[] = data.importers ? Object.values(data.importers) : [data];
  const roots: LockEntry[] = [];
  for (const imp of importers) {
    for (const group of [imp.dependencies, imp.devDependencies, imp.optionalDependencies]) {
      for (const [name, ref] of Object.entries(group ?? {})) {
        const hit = entryFor(name, typeof ref === 'string' ? ref : String(ref?.version ?? ''));
        if (hit) roots.push(hit);
      }
    }
  }
  return { format: 'pnpm', formatVersion: version, entries: [...byKey.values()], roots: [...new Set(roots)], resolve };
}

function stripPeers(key: string): string {
  const paren = key.indexOf('(');
  const base = paren === -1 ? key : key.slice(0, paren);
  // 5.x keys carry peers after an underscore: /a/1.0.0_react@18.0.0
  return base.replace(/^(\/(?:@[^/]+\/)?[^/@]+\/[^_/]+)_.+$/, '$1');
}

/** `/@scope/a@1.0.0(peer@2)` (6), `@scope/a@1.0.0` (9), `/@scope/a/1.0.0` (5) -> name, version. */
export function splitKey(key: string): { name: string; version: string } {
  const bare = stripPeers(key).replace(/^\//, '');
  const at = bare.indexOf('@', bare.startsWith('@') ? 1 : 0);
  if (at !== -1) return { name: bare.slice(0, at), version: bare.slice(at + 1) };
  const slash = bare.lastIndexOf('/');
  return { name: bare.slice(0, slash), version: bare.slice(slash + 1) };
}

/** v9 keeps dependencies per peer-variant in `snapshots`; the package entry gets their union. */
function mergeSnapshots(variants: PnpmPackage[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of variants ?? []) Object.assign(out, s?.dependencies, s?.optionalDependencies);
  return out;
}
