import semver from 'semver';
import type { OsvRecord } from '@mcp/core-osv';

export interface Match {
  affected: boolean;
  /** The lowest `fixed` version above the queried one in a range that contains it. */
  fixedIn: string | null;
}

/**
 * Decides locally whether `version` of npm package `name` is inside the advisory's affected
 * ranges (OSV schema "Evaluation"): events sorted by version, `introduced` opens a range,
 * `fixed` and `limit` close it before their version, `last_affected` closes it after. The
 * explicit `versions` list also counts. OSV's own match is not trusted blindly: a record it
 * returns for a version outside every range is dropped.
 */
export function matchAdvisory(record: OsvRecord, name: string, version: string): Match {
  let affected = false;
  const fixes: string[] = [];
  for (const a of record.affected ?? []) {
    if (a.package?.name !== name || (a.package?.ecosystem ?? 'npm') !== 'npm') continue;
    if (a.versions?.includes(version)) affected = true;
    for (const range of a.ranges ?? []) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      const hit = inRange(version, range.events);
      if (hit.affected) {
        affected = true;
        if (hit.fixed) fixes.push(hit.fixed);
      }
    }
  }
  fixes.sort(semver.compare);
  return { affected, fixedIn: affected ? (fixes[0] ?? null) : null };
}

type Event = { kind: 'introduced' | 'fixed' | 'last_affected' | 'limit'; v: string };

function inRange(version: string, raw: Record<string, string>[]): { affected: boolean; fixed?: string } {
  const events: Event[] = [];
  for (const e of raw) {
    for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const v = e[kind];
      if (v === undefined) continue;
      if (v === '0' || semver.valid(v)) events.push({ kind, v });
    }
  }
  const cmp = (a: string, b: string) => (a === b ? 0 : a === '0' ? -1 : b === '0' ? 1 : semver.compare(a, b));
  events.sort((x, y) => cmp(x.v, y.v));
  let affected = false;
  for (const e of events) {
    const c = cmp(e.v, version);
    if (e.kind === 'introduced' && c <= 0) affected = true;
    else if ((e.kind === 'fixed' || e.kind === 'limit') && c <= 0) affected = false;
    else if (e.kind === 'last_affected' && c < 0) affected = false;
  }
  if (!affected) return { affected };
  const fixed = events.find((e) => e.kind === 'fixed' && cmp(e.v, version) > 0);
  return { affected, fixed: fixed?.v };
}

export type Level = 'critical' | 'high' | 'moderate' | 'low';

/** GitHub's level when the record has one, else the CVSS v3 base score's band. */
export function levelOf(record: OsvRecord): Level | undefined {
  const ghsa = record.database_specific?.severity?.toLowerCase();
  if (ghsa === 'critical' || ghsa === 'high' || ghsa === 'low') return ghsa;
  if (ghsa === 'moderate' || ghsa === 'medium') return 'moderate';
  const v3 = record.severity?.find((s) => s.type === 'CVSS_V3')?.score;
  const score = v3 ? cvss3BaseScore(v3) : undefined;
  if (score === undefined) return undefined;
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'moderate' : 'low';
}

const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS v3.0/v3.1 base score from a vector string (FIRST's specification, section 7). */
export function cvss3BaseScore(vector: string): number | undefined {
  const m: Record<string, string> = {};
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    m[k] = v;
  }
  const scopeChanged = m.S === 'C';
  const av = W.AV[m.AV as keyof typeof W.AV];
  const ac = W.AC[m.AC as keyof typeof W.AC];
  const ui = W.UI[m.UI as keyof typeof W.UI];
  const pr = m.PR === 'N' ? 0.85 : m.PR === 'L' ? (scopeChanged ? 0.68 : 0.62) : m.PR === 'H' ? (scopeChanged ? 0.5 : 0.27) : undefined;
  const c = W.CIA[m.C as keyof typeof W.CIA];
  const i = W.CIA[m.I as keyof typeof W.CIA];
  const a = W.CIA[m.A as keyof typeof W.CIA];
  if ([av, ac, ui, pr, c, i, a].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr! * ui;
  const raw = scopeChanged ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
  return roundUp(raw);
}

// CVSS 3.1 Roundup: avoids floating-point artefacts such as 4.000000001 -> 4.1.
function roundUp(x: number): number {
  const int = Math.round(x * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}
