import { ParseError } from '@mcp/core-response';
import type { LockEntry, Lockfile } from './model';
import { parseNpmLock } from './npm';
import { parsePnpmLock } from './pnpm';
import { parseYarnLock } from './yarn';

export type { LockEntry, Lockfile, LockFormat } from './model';

/** Detects the lockfile format from its content (TOOLS.md: no format option) and parses it. */
export function parseLockfile(text: string, source?: string): Lockfile {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return parseNpmLock(text, source);
  if (/^lockfileVersion:/m.test(text.slice(0, 2000))) return parsePnpmLock(text, source);
  if (/^# yarn lockfile v1/m.test(text.slice(0, 500)) || /^__metadata:/m.test(text) || /^"?[^\s#][^\n]*@[^\n]*:\s*$/m.test(text.slice(0, 5000))) {
    return parseYarnLock(text, source);
  }
  const firstLine = text.split('\n').findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  throw new ParseError(
    'Unrecognized lockfile: expected package-lock.json (JSON with "lockfileVersion"), yarn.lock or pnpm-lock.yaml',
    firstLine === -1 ? 1 : firstLine + 1,
    1,
    source,
  );
}

/** Shortest distance from the root to every reachable entry (direct dependencies are 1). */
export function depths(lock: Lockfile): { depth: Map<LockEntry, number>; parent: Map<LockEntry, LockEntry | undefined> } {
  const depth = new Map<LockEntry, number>();
  const parent = new Map<LockEntry, LockEntry | undefined>();
  const queue: LockEntry[] = [];
  for (const r of lock.roots) {
    if (depth.has(r)) continue;
    depth.set(r, 1);
    parent.set(r, undefined);
    queue.push(r);
  }
  for (let head = 0; head < queue.length; head++) {
    const e = queue[head];
    const d = depth.get(e)!;
    for (const [name, range] of Object.entries(e.dependencies)) {
      const t = lock.resolve(e, name, range);
      if (!t || depth.has(t)) continue;
      depth.set(t, d + 1);
      parent.set(t, e);
      queue.push(t);
    }
  }
  return { depth, parent };
}

export function label(e: LockEntry): string {
  return `${e.name}@${e.version}`;
}
