/** One installed copy of a package (TOOLS.md "package entry"), whatever the lockfile format. */
export interface LockEntry {
  /** Unique within the lockfile: npm's path key, yarn's block header, pnpm's package key. */
  id: string;
  name: string;
  version: string;
  /** Where the package was fetched from, when the lockfile says (a URL or a git spec). */
  resolved?: string;
  integrity?: string;
  /** 1-based line of the entry's key in the lockfile. */
  line: number;
  /** Dependency name -> range/reference as the lockfile records it (prod, optional and peer). */
  dependencies: Record<string, string>;
  /** registry: fetched from an npm registry (so it must carry an integrity hash). */
  source: 'registry' | 'git' | 'tarball' | 'file' | 'link' | 'workspace';
}

export type LockFormat = 'package-lock' | 'yarn-classic' | 'yarn-berry' | 'pnpm';

export interface Lockfile {
  format: LockFormat;
  /** The format's own version: npm's lockfileVersion, yarn's 1 or __metadata.version, pnpm's lockfileVersion. */
  formatVersion: string;
  entries: LockEntry[];
  /** The root project's direct dependencies, resolved to entries (depth 1). */
  roots: LockEntry[];
  /** The entry a dependency of `from` resolves to, following the format's own rules. */
  resolve(from: LockEntry, name: string, range: string): LockEntry | undefined;
}

const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeload.github.com']);

/** Classifies a resolved URL or spec the way npm and yarn do when they fetch it. */
export function sourceOf(resolved: string | undefined): LockEntry['source'] | undefined {
  if (!resolved) return undefined;
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)/.test(resolved) || /\.git(#|$)/.test(resolved)) return 'git';
  if (/^file:/.test(resolved)) return 'file';
  if (/^link:/.test(resolved)) return 'link';
  try {
    const url = new URL(resolved);
    if (url.protocol === 'http:' || url.protocol === 'https:') return GIT_HOSTS.has(url.host) ? 'git' : 'registry';
    return 'tarball';
  } catch {
    return 'file';
  }
}

/** Entries whose name appears first, for roots of formats that do not record the root manifest. */
export function unreferencedEntries(entries: LockEntry[], resolve: Lockfile['resolve']): LockEntry[] {
  const referenced = new Set<LockEntry>();
  for (const e of entries) {
    for (const [name, range] of Object.entries(e.dependencies)) {
      const target = resolve(e, name, range);
      if (target && target !== e) referenced.add(target);
    }
  }
  return entries.filter((e) => !referenced.has(e));
}
