// Helpers for the differential specs (*.diff.spec.ts): run a Debian-installed anchor on
// real-world Python files and compare per rule. Spec-only: never imported by tool code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DIST = '/usr/lib/python3/dist-packages';

/** True when `cmd --version` runs; otherwise logs why the differential test is skipped. */
export function anchorAvailable(cmd: string, apt: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    console.warn(`${cmd} is not installed (apt-get install ${apt}): skipping the differential test`);
    return false;
  }
}

/** The .py files under some package directories, at most `limit` in all, shared out per package. */
export function corpus(packages: string[], limit = 400): string[] {
  const perPackage = Math.ceil(limit / packages.length);
  return packages.flatMap((p) => files([p]).slice(0, perPackage)).slice(0, limit);
}

function files(packages: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== '__pycache__' && name !== 'tests') walk(p);
      } else if (name.endsWith('.py')) out.push(p);
    }
  };
  for (const pkg of packages) {
    const p = join(DIST, pkg);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

export const read = (path: string) => readFileSync(path, 'utf8');

/** Runs a command that may exit non-zero when it finds something; returns stdout. */
export function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

export interface Agreement {
  rule: string;
  both: number;
  onlyAnchor: number;
  onlyOurs: number;
  missedSample: string[];
  extraSample: string[];
}

/** Per-rule agreement of two sets of `rule|key` strings. */
export function agreement(rules: string[], ours: Set<string>, theirs: Set<string>): Agreement[] {
  return rules.map((rule) => {
    const o = [...ours].filter((k) => k.startsWith(`${rule}|`));
    const t = [...theirs].filter((k) => k.startsWith(`${rule}|`));
    const oset = new Set(o);
    const tset = new Set(t);
    return {
      rule,
      both: o.filter((k) => tset.has(k)).length,
      onlyAnchor: t.filter((k) => !oset.has(k)).length,
      onlyOurs: o.filter((k) => !tset.has(k)).length,
      missedSample: t.filter((k) => !oset.has(k)).slice(0, 3),
      extraSample: o.filter((k) => !tset.has(k)).slice(0, 3),
    };
  });
}

export function printAgreement(anchor: string, files: number, rows: Agreement[]): void {
  const lines = [`${anchor} on ${files} files`, '| rule | both | anchor only | ours only |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.rule} | ${r.both} | ${r.onlyAnchor} | ${r.onlyOurs} |`);
  for (const r of rows) {
    if (r.missedSample.length) lines.push(`${r.rule} missed e.g. ${r.missedSample.join('; ')}`);
    if (r.extraSample.length) lines.push(`${r.rule} extra e.g. ${r.extraSample.join('; ')}`);
  }
  console.log(lines.join('\n'));
}
