import type { LogRecord } from '@mcp/core-logger';
import { BATCH_PREFIX, type BatchMetadata } from './store';
import { BadRequest, json, keyTime, timePrefix } from './query';
import {
  BUCKET_MS,
  ROLLUP_PREFIX,
  SETTLE_MS,
  countedAs,
  emptyFragment,
  fragmentOf,
  isErrorOutcome,
  mergeFragment,
  summarize,
  unpackFragment,
  type Fragment,
} from './rollup';

/** Windows the API answers, and the time-series step of each (30-96 points). */
export const WINDOWS: Record<string, { ms: number; stepMs: number }> = {
  '5m': { ms: 5 * 60_000, stepMs: 10_000 },
  '1h': { ms: 3_600_000, stepMs: 60_000 },
  '24h': { ms: 86_400_000, stepMs: 15 * 60_000 },
};

export function rollupKey(bucketStart: number): string {
  return `${ROLLUP_PREFIX}${String(bucketStart).padStart(13, '0')}`;
}

/** Merges the fragments of every batch whose key time is in [from, to): metadata only, unless a fragment overflowed. */
export async function fragmentFromBatches(kv: KVNamespace, from: number, to: number): Promise<Fragment> {
  const total = emptyFragment();
  let cursor: string | undefined;
  do {
    const page = await kv.list<BatchMetadata>({ prefix: timePrefix(from, to), cursor });
    const overflow: string[] = [];
    for (const k of page.keys) {
      const ts = keyTime(k.name);
      if (!k.name.startsWith(BATCH_PREFIX) || ts < from || ts >= to) continue;
      if (k.metadata?.a) mergeFragment(total, unpackFragment(k.metadata.a));
      // Overflowed fragments, and batches written before fragments existed (no `w`): recompute.
      else if (!k.metadata || k.metadata.ax || !k.metadata.w) overflow.push(k.name);
    }
    const batches = await Promise.all(overflow.map((name) => kv.get<LogRecord[]>(name, 'json')));
    for (const b of batches) if (b) mergeFragment(total, fragmentOf(b));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return total;
}

/**
 * A closed bucket's rollup: read it, or compute it from the batches and store it. The write is
 * idempotent (the bucket is closed), so concurrent queries that both compact it do no harm.
 */
export async function closedBucket(kv: KVNamespace, start: number, ttl: number): Promise<Fragment> {
  const key = rollupKey(start);
  const stored = await kv.get<Fragment>(key, 'json');
  if (stored) return stored;
  const fragment = await fragmentFromBatches(kv, start, start + BUCKET_MS);
  await kv.put(key, JSON.stringify(fragment), { expirationTtl: ttl });
  return fragment;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function analytics(kv: KVNamespace, window: string, ttl: number, now = Date.now()) {
  const w = WINDOWS[window];
  if (!w) throw new BadRequest(`window must be one of ${Object.keys(WINDOWS).join(', ')}`);
  const since = now - w.ms;
  const firstFull = Math.ceil(since / BUCKET_MS) * BUCKET_MS;
  const closedEnd = Math.max(firstFull, Math.floor((now - SETTLE_MS) / BUCKET_MS) * BUCKET_MS);
  const starts: number[] = [];
  for (let t = firstFull; t + BUCKET_MS <= closedEnd; t += BUCKET_MS) starts.push(t);
  const rawRanges: [number, number][] = starts.length
    ? [
        [since, firstFull],
        [closedEnd, now + BUCKET_MS],
      ]
    : [[since, now + BUCKET_MS]];
  const parts = await Promise.all([
    mapLimit(starts, 6, (s) => closedBucket(kv, s, ttl)),
    Promise.all(rawRanges.filter(([a, b]) => b > a).map(([a, b]) => fragmentFromBatches(kv, a, b))),
  ]);
  const total = emptyFragment();
  for (const f of [...parts[0], ...parts[1]]) mergeFragment(total, f, since, now + 1);

  // Re-bin the 10 s series into the window's step, every slot present (charts need the zeros).
  const firstSlot = Math.floor(since / w.stepMs) * w.stepMs;
  const series: { ts: number; requests: number; errors: number }[] = [];
  for (let t = firstSlot; t <= now; t += w.stepMs) series.push({ ts: t, requests: 0, errors: 0 });
  for (const [slot, [c, e]] of Object.entries(total.series)) {
    const i = Math.floor((Number(slot) - firstSlot) / w.stepMs);
    if (i < 0 || i >= series.length) continue;
    series[i].requests += c;
    series[i].errors += e;
  }
  const rows = <K extends string>(m: Fragment['tools'], name: K) =>
    Object.entries(m)
      .map(([k, s]) => ({ [name]: k, ...summarize(s) }) as { [P in K]: string } & ReturnType<typeof summarize>)
      .sort((a, b) => b.calls - a.calls || (a[name] < b[name] ? -1 : 1));
  return {
    window,
    since,
    until: now,
    stepMs: w.stepMs,
    tools: rows(total.tools, 'tool'),
    workers: rows(total.workers, 'worker'),
    series,
    source: { closedBuckets: starts.length, bucketMs: BUCKET_MS },
  };
}

export async function queryAnalytics(params: URLSearchParams, kv: KVNamespace, ttl: number, now = Date.now()): Promise<Response> {
  for (const key of params.keys()) if (key !== 'window') throw new BadRequest(`unknown parameter ${JSON.stringify(key)}; allowed: window`);
  return json(await analytics(kv, params.get('window') ?? '1h', ttl, now));
}

/** The subset of Workers Analytics Engine's binding the tailworker uses. */
export interface AnalyticsEngine {
  writeDataPoint(point: { blobs?: string[]; doubles?: number[]; indexes?: string[] }): void;
}

/**
 * In production the same counted events also go to Workers Analytics Engine (SQL over
 * long windows, sampling handled by Cloudflare): one data point per call, indexed by tool or
 * worker. writeDataPoint is fire-and-forget and costs no KV put.
 * blobs: [kind, name, worker, outcome, event]; doubles: [durationMs, 1 (call), 1 if error].
 */
export function writeAnalyticsEngine(ae: AnalyticsEngine | undefined, records: readonly LogRecord[]): number {
  if (!ae) return 0;
  let n = 0;
  for (const r of records) {
    const as = countedAs(r);
    if (!as) continue;
    const kind = as.tool ? 'tool' : 'worker';
    const name = (as.tool ?? as.worker)!;
    ae.writeDataPoint({
      indexes: [name.slice(0, 96)],
      blobs: [kind, name, r.worker, String(r.outcome ?? ''), r.event],
      doubles: [typeof r.durationMs === 'number' ? r.durationMs : 0, 1, isErrorOutcome(r.outcome) ? 1 : 0],
    });
    n++;
  }
  return n;
}
