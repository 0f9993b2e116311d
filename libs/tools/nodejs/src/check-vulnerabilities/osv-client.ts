import { ServiceError } from '@mcp/core-response';

/** The subset of the OSV schema (https://ossf.github.io/osv-schema/) the tool reads. */
export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  modified?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
  database_specific?: { severity?: string };
}

/** The few KVNamespace methods the cache needs (the binding's type lives in the worker). */
export interface KvLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

export interface OsvClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  cache?: KvLike;
}

export const OSV_SERVICE = 'OSV advisory database';
const BATCH_SIZE = 1000; // OSV's documented limit per querybatch call
const PARALLEL_DETAILS = 8;
// Which advisories affect a version changes when one is published: keep that answer short.
// A published record changes rarely (its `modified` date), so it is kept longer.
const QUERY_TTL_S = 60 * 60;
const RECORD_TTL_S = 6 * 60 * 60;

export interface PackageQuery {
  name: string;
  version: string;
}

/**
 * Asks OSV which advisories name each package version (POST /v1/querybatch, following
 * next_page_token), then loads each advisory (GET /v1/vulns/{id}). Every failure to reach OSV
 * or a non-2xx answer is a ServiceError: the caller must never read it as "no advisories".
 */
export async function queryOsv(queries: PackageQuery[], opts: OsvClientOptions): Promise<Map<string, OsvRecord[]>> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const idsByPackage = new Map<string, string[]>();
  const missing: PackageQuery[] = [];
  for (const q of queries) {
    const cached = await cacheGet<string[]>(opts.cache, queryKey(q));
    if (cached) idsByPackage.set(keyOf(q), cached);
    else missing.push(q);
  }

  for (let i = 0; i < missing.length; i += BATCH_SIZE) {
    let pending = missing.slice(i, i + BATCH_SIZE).map((q) => ({ q, pageToken: undefined as string | undefined }));
    const found = new Map<string, Set<string>>(pending.map(({ q }) => [keyOf(q), new Set<string>()]));
    while (pending.length > 0) {
      const body = {
        queries: pending.map(({ q, pageToken }) => ({
          package: { name: q.name, ecosystem: 'npm' },
          version: q.version,
          ...(pageToken ? { page_token: pageToken } : {}),
        })),
      };
      const answer = await requestJson<{ results?: { vulns?: { id: string }[]; next_page_token?: string }[] }>(
        opts,
        `${base}/v1/querybatch`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      const results = answer.results;
      if (!Array.isArray(results) || results.length !== pending.length) {
        throw new ServiceError(OSV_SERVICE, `querybatch answered ${Array.isArray(results) ? results.length : 'no'} results for ${pending.length} queries`);
      }
      const next: typeof pending = [];
      results.forEach((r, k) => {
        const set = found.get(keyOf(pending[k].q))!;
        for (const v of r.vulns ?? []) if (typeof v.id === 'string') set.add(v.id);
        if (r.next_page_token) next.push({ q: pending[k].q, pageToken: r.next_page_token });
      });
      pending = next;
    }
    for (const [key, ids] of found) {
      const sorted = [...ids].sort();
      idsByPackage.set(key, sorted);
      const [name, version] = splitKey(key);
      await cachePut(opts.cache, queryKey({ name, version }), sorted, QUERY_TTL_S);
    }
  }

  const allIds = [...new Set([...idsByPackage.values()].flat())].sort();
  const records = new Map<string, OsvRecord>();
  for (let i = 0; i < allIds.length; i += PARALLEL_DETAILS) {
    const chunk = allIds.slice(i, i + PARALLEL_DETAILS);
    const loaded = await Promise.all(chunk.map((id) => loadRecord(id, base, opts)));
    loaded.forEach((r, k) => records.set(chunk[k], r));
  }
  const out = new Map<string, OsvRecord[]>();
  for (const [key, ids] of idsByPackage) out.set(key, ids.map((id) => records.get(id)!));
  return out;
}

async function loadRecord(id: string, base: string, opts: OsvClientOptions): Promise<OsvRecord> {
  const key = `osv:v1:vuln:${id}`;
  const cached = await cacheGet<OsvRecord>(opts.cache, key);
  if (cached) return cached;
  const record = await requestJson<OsvRecord>(opts, `${base}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' });
  if (!record || record.id !== id) throw new ServiceError(OSV_SERVICE, `GET /v1/vulns/${id} answered a record for ${String(record?.id)}`);
  await cachePut(opts.cache, key, record, RECORD_TTL_S);
  return record;
}

async function requestJson<T>(opts: OsvClientOptions, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await opts.fetch(url, { ...init, signal: opts.signal });
  } catch (error) {
    throw new ServiceError(OSV_SERVICE, `${init.method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ServiceError(OSV_SERVICE, `${init.method} ${url} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ServiceError(OSV_SERVICE, `${init.method} ${url} answered something that is not JSON`);
  }
}

export const keyOf = (q: PackageQuery) => `${q.name}@${q.version}`;
const splitKey = (key: string): [string, string] => {
  const at = key.lastIndexOf('@');
  return [key.slice(0, at), key.slice(at + 1)];
};
const queryKey = (q: PackageQuery) => `osv:v1:query:npm:${keyOf(q)}`;

// The cache is an optimization: a KV hiccup must not fail or change the answer.
async function cacheGet<T>(kv: KvLike | undefined, key: string): Promise<T | undefined> {
  if (!kv) return undefined;
  try {
    const text = await kv.get(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function cachePut(kv: KvLike | undefined, key: string, value: unknown, ttl: number): Promise<void> {
  if (!kv) return;
  try {
    await kv.put(key, JSON.stringify(value), { expirationTtl: Math.max(60, ttl) });
  } catch {
    /* see cacheGet */
  }
}
