import { InputError, ServiceError } from '@mcp/core-response';

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
export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';

/**
 * The client options from a tool's context: the worker vars OSV_API_URL (tests point it at a
 * loopback OSV) and OSV_CACHE (a KV namespace), and the call's fetch and abort signal.
 */
export function osvOptions(ctx: { env: Record<string, unknown>; fetch: typeof fetch; signal?: AbortSignal }): OsvClientOptions {
  const raw = ctx.env.OSV_API_URL;
  const baseUrl = typeof raw === 'string' && raw ? raw : DEFAULT_OSV_API_URL;
  if (!/^https?:\/\//.test(baseUrl)) throw new InputError(`OSV_API_URL must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  const kv = ctx.env.OSV_CACHE as Partial<KvLike> | undefined;
  const cache = kv && typeof kv.get === 'function' && typeof kv.put === 'function' ? (kv as KvLike) : undefined;
  return { baseUrl, fetch: ctx.fetch, signal: ctx.signal, cache };
}
const BATCH_SIZE = 1000; // OSV's documented limit per querybatch call
const PARALLEL_DETAILS = 8;
const PARALLEL_KV = 50;
const MAX_CACHED_PACKAGES = 300;
// Which advisories affect a version changes when one is published: keep that answer short.
// A published record changes rarely (its `modified` date), so it is kept longer.
const QUERY_TTL_S = 60 * 60;
const RECORD_TTL_S = 6 * 60 * 60;

export interface PackageQuery {
  name: string;
  version: string;
}

/** OSV's ecosystem names for the packages our tools audit. */
export type OsvEcosystem = 'npm' | 'PyPI';

/**
 * Asks OSV which advisories name each package version (POST /v1/querybatch, following
 * next_page_token), then loads each advisory (GET /v1/vulns/{id}). Answers are cached in KV
 * when the worker has it. Every failure to reach OSV or a non-2xx answer is a ServiceError:
 * the caller must never read it as "no advisories". Which versions an advisory affects is the
 * caller's to decide (semver for npm, PEP 440 for PyPI), from the records' ranges.
 */
export async function queryOsv(ecosystem: OsvEcosystem, queries: PackageQuery[], opts: OsvClientOptions): Promise<Map<string, OsvRecord[]>> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const queryKey = (key: string) => `osv:v1:query:${ecosystem}:${key}`;
  const idsByPackage = new Map<string, string[]>();
  const missing: PackageQuery[] = [];
  // A Workers invocation may make about 1,000 KV operations: a lockfile too large to cache
  // within that (a get and a put per package, and per advisory) goes to OSV uncached.
  if (queries.length > MAX_CACHED_PACKAGES) opts = { ...opts, cache: undefined };
  // KV reads are network calls in production: several at a time, not one after the other.
  const cachedIds = await mapLimit(queries, PARALLEL_KV, (q) => cacheGet<string[]>(opts.cache, queryKey(keyOf(q))));
  queries.forEach((q, i) => {
    const cached = cachedIds[i];
    if (cached) idsByPackage.set(keyOf(q), cached);
    else missing.push(q);
  });

  for (let i = 0; i < missing.length; i += BATCH_SIZE) {
    let pending = missing.slice(i, i + BATCH_SIZE).map((q) => ({ q, pageToken: undefined as string | undefined }));
    const found = new Map<string, Set<string>>(pending.map(({ q }) => [keyOf(q), new Set<string>()]));
    while (pending.length > 0) {
      const body = {
        queries: pending.map(({ q, pageToken }) => ({
          package: { name: q.name, ecosystem },
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
    for (const [key, ids] of found) idsByPackage.set(key, [...ids].sort());
    await mapLimit([...found.keys()], PARALLEL_KV, (key) => cachePut(opts.cache, queryKey(key), idsByPackage.get(key), QUERY_TTL_S));
  }

  const allIds = [...new Set([...idsByPackage.values()].flat())].sort();
  const loaded = await mapLimit(allIds, PARALLEL_DETAILS, (id) => loadRecord(id, base, opts));
  const records = new Map(allIds.map((id, k) => [id, loaded[k]]));
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

/** `fn` over every item, at most `limit` at a time; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
