import { compare, valid } from '@renovatebot/pep440';
import type { OsvRecord } from '@mcp/core-osv';

// OSV querying is @mcp/core-osv's; what is PyPI-specific lives here: PEP 440 matching of a
// version against an advisory's ranges, and the advisory's severity.

/**
 * PEP 440 matching of one version against an advisory's PyPI entries for a package:
 * listed `versions`, or ECOSYSTEM ranges (introduced / fixed / last_affected / limit).
 * Returns whether it is affected and the first fixed version above it.
 */
export function matchPyPI(v: OsvRecord, name: string, version: string, normalize: (n: string) => string): { affected: boolean; fixedIn: string | null } {
  let affected = false;
  const fixes: string[] = [];
  for (const a of v.affected ?? []) {
    if (a.package?.ecosystem !== 'PyPI' || normalize(a.package.name ?? '') !== name) continue;
    if ((a.versions ?? []).some((x) => valid(x) && valid(version) && compare(x, version) === 0)) affected = true;
    for (const r of a.ranges ?? []) {
      if (r.type !== 'ECOSYSTEM') continue;
      let introduced: string | null = null;
      for (const e of r.events) {
        if (e.introduced !== undefined) introduced = e.introduced;
        const upper = e.fixed ?? e.last_affected ?? e.limit;
        if (upper !== undefined) {
          if (e.fixed !== undefined && valid(e.fixed) && valid(version) && compare(e.fixed, version) > 0) fixes.push(e.fixed);
          if (introduced !== null && inRange(version, introduced, upper, e.fixed !== undefined || e.limit !== undefined)) affected = true;
          introduced = null;
        }
      }
      if (introduced !== null && inRange(version, introduced, null, true)) affected = true;
    }
  }
  fixes.sort(compare);
  return { affected, fixedIn: affected ? (fixes[0] ?? null) : null };
}

function inRange(version: string, introduced: string, upper: string | null, exclusive: boolean): boolean {
  if (!valid(version)) return false;
  if (introduced !== '0' && valid(introduced) && compare(version, introduced) < 0) return false;
  if (upper === null || !valid(upper)) return true;
  const c = compare(version, upper);
  return exclusive ? c < 0 : c <= 0;
}

/** GHSA's database_specific.severity, else the CVSS v3 base score band, else null. */
export function advisorySeverity(v: OsvRecord): string | null {
  const level = v.database_specific?.severity?.toUpperCase();
  if (level) return level === 'MEDIUM' ? 'MODERATE' : level;
  const cvss = v.severity?.find((s) => s.type === 'CVSS_V3')?.score;
  const score = cvss ? cvss3BaseScore(cvss) : null;
  if (score === null) return null;
  return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MODERATE' : score > 0 ? 'LOW' : 'NONE';
}

/** CVSS 3.x base score from a vector (FIRST's specification formulas). */
export function cvss3BaseScore(vector: string): number | null {
  const m = Object.fromEntries(vector.split('/').slice(1).map((p) => p.split(':')));
  const W: Record<string, Record<string, number>> = {
    AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 }, AC: { L: 0.77, H: 0.44 }, UI: { N: 0.85, R: 0.62 },
    C: { H: 0.56, L: 0.22, N: 0 }, I: { H: 0.56, L: 0.22, N: 0 }, A: { H: 0.56, L: 0.22, N: 0 },
  };
  const changed = m.S === 'C';
  const pr = { N: 0.85, L: changed ? 0.68 : 0.62, H: changed ? 0.5 : 0.27 }[m.PR as 'N' | 'L' | 'H'];
  const vals = [W.AV[m.AV], W.AC[m.AC], pr, W.UI[m.UI], W.C[m.C], W.I[m.I], W.A[m.A]];
  if (vals.some((x) => x === undefined)) return null;
  const [av, ac, p, ui, c, i, a] = vals as number[];
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * p * ui;
  const roundUp = (x: number) => Math.ceil(x * 10 - 1e-9) / 10;
  return roundUp(Math.min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
}
