import { compare, valid } from '@renovatebot/pep440';
import { ServiceError } from '@mcp/core-response';
import type { ToolContext } from '@mcp/core-protocol';

/** The parts of an OSV record (https://ossf.github.io/osv-schema/) this category reads. */
export interface OsvVuln {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  modified?: string;
  severity?: { type: string; score: string }[];
  affected?: {
    package?: { name?: string; ecosystem?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
  database_specific?: { severity?: string };
}

interface KV {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

const SERVICE = 'OSV advisory database';
const TTL_SECONDS = 3600;

/**
 * OSV client: one querybatch for every package, then each advisory's record, with answers
 * cached in KV (`OSV_CACHE`) when the worker has it. Any failure is a ServiceError, so a
 * tool never reads a failed lookup as "no vulnerabilities".
 */
export class OsvClient {
  private readonly base: string;
  private readonly kv?: KV;

  constructor(private readonly ctx: ToolContext) {
    const env = ctx.env ?? {};
    this.base = String(env.OSV_API_URL ?? 'https://api.osv.dev').replace(/\/+$/, '');
    const kv = env.OSV_CACHE as KV | undefined;
    this.kv = kv && typeof kv.get === 'function' && typeof kv.put === 'function' ? kv : undefined;
  }

  private async request(path: string, init?: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await this.ctx.fetch(`${this.base}${path}`, { ...init, signal: this.ctx.signal });
    } catch (e) {
      throw new ServiceError(SERVICE, `${init?.method ?? 'GET'} ${this.base}${path} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new ServiceError(SERVICE, `${init?.method ?? 'GET'} ${this.base}${path} answered HTTP ${res.status}`);
    try {
      return await res.json();
    } catch {
      throw new ServiceError(SERVICE, `${this.base}${path} did not answer JSON`);
    }
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.kv) {
      const hit = await this.kv.get(key).catch(() => null);
      if (hit) return JSON.parse(hit) as T;
    }
    const value = await load();
    if (this.kv) await this.kv.put(key, JSON.stringify(value), { expirationTtl: TTL_SECONDS }).catch(() => undefined);
    return value;
  }

  /** Advisory ids per (name, version), in input order. */
  async queryBatch(ecosystem: string, packages: { name: string; version: string }[]): Promise<string[][]> {
    const out: (string[] | undefined)[] = [];
    const missing: number[] = [];
    for (let i = 0; i < packages.length; i++) {
      const hit = this.kv ? await this.kv.get(queryKey(ecosystem, packages[i])).catch(() => null) : null;
      if (hit) out[i] = JSON.parse(hit) as string[];
      else missing.push(i);
    }
    for (let start = 0; start < missing.length; start += 1000) {
      const chunk = missing.slice(start, start + 1000);
      const body = { queries: chunk.map((i) => ({ package: { name: packages[i].name, ecosystem }, version: packages[i].version })) };
      const reply = (await this.request('/v1/querybatch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })) as {
        results?: { vulns?: { id: string }[] }[];
      };
      if (!reply || !Array.isArray(reply.results) || reply.results.length !== chunk.length) {
        throw new ServiceError(SERVICE, 'querybatch answered with an unexpected shape');
      }
      for (let j = 0; j < chunk.length; j++) {
        const ids = (reply.results[j].vulns ?? []).map((v) => v.id).sort();
        out[chunk[j]] = ids;
        if (this.kv) await this.kv.put(queryKey(ecosystem, packages[chunk[j]]), JSON.stringify(ids), { expirationTtl: TTL_SECONDS }).catch(() => undefined);
      }
    }
    return out.map((ids) => ids ?? []);
  }

  async vuln(id: string): Promise<OsvVuln> {
    return this.cached(`osv:vuln:${id}`, async () => {
      const v = (await this.request(`/v1/vulns/${encodeURIComponent(id)}`)) as OsvVuln;
      if (!v || typeof v.id !== 'string') throw new ServiceError(SERVICE, `record ${id} has no id`);
      return v;
    });
  }
}

const queryKey = (eco: string, p: { name: string; version: string }) => `osv:query:${eco}:${p.name}@${p.version}`;

/**
 * PEP 440 matching of one version against an advisory's PyPI entries for a package:
 * listed `versions`, or ECOSYSTEM ranges (introduced / fixed / last_affected / limit).
 * Returns whether it is affected and the first fixed version above it.
 */
export function matchPyPI(v: OsvVuln, name: string, version: string, normalize: (n: string) => string): { affected: boolean; fixedIn: string | null } {
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
export function advisorySeverity(v: OsvVuln): string | null {
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
