import type { LogRecord } from '@mcp/core-logger';

/**
 * Analytics rollups: per tool and per worker, calls, errors and a latency histogram, plus a
 * calls/errors time series.
 *
 * Why fragments and not counters: KV has no atomic increment, and a tail() invocation that
 * read `rollup:<bucket>`, added its counts and wrote it back would lose updates whenever two
 * invocations overlap (they do, constantly, under load: the "nothing lost" spec fires 64 at
 * a time). So every tail() invocation writes its own immutable fragment and nothing is ever
 * read-modified-written while a bucket is open. The fragment costs no extra put: it rides in
 * the metadata of the invocation's log batch (store.ts), which `list()` returns without a
 * read, so a window's analytics are one list per 1,000 batches. When it does not fit the
 * 1 KiB metadata budget, the batch is flagged and the reader recomputes the fragment from the
 * batch's records (it is a pure function of them).
 *
 * Closed buckets (older than SETTLE_MS, by which time KV's eventually consistent list has
 * caught up) are compacted at query time into one `rollup:<start13>` key per BUCKET_MS. That
 * write is idempotent (the summary of a closed bucket), so two queries racing to compact it
 * write the same value: no lost update. Late tail events that land in a bucket after it was
 * compacted are the one thing this can miss; SETTLE_MS bounds how late they may be.
 */

/** Upper bounds (ms) of the latency histogram bins; the last bin is open-ended. */
export const LATENCY_BINS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 30000, 60000];
/** Time-series resolution kept in fragments and compacted buckets. */
export const SERIES_STEP_MS = 10_000;
export const BUCKET_MS = 5 * 60_000;
export const SETTLE_MS = 2 * 60_000;
export const ROLLUP_PREFIX = 'rollup:';

/** calls, errors, sparse histogram {binIndex: count}. */
export interface Stat {
  c: number;
  e: number;
  h: Record<number, number>;
}

export interface Fragment {
  /** Per tool, from the gateway's `gateway.tool` records (what a client experienced). */
  tools: Record<string, Stat>;
  /** Per worker: the gateway's `http.request` and each category worker's `tool.call`. */
  workers: Record<string, Stat>;
  /** Per SERIES_STEP_MS slot start (epoch ms): [gateway requests, errors]. */
  series: Record<number, [number, number]>;
}

export function emptyFragment(): Fragment {
  return { tools: {}, workers: {}, series: {} };
}

export function binOf(ms: number): number {
  const i = LATENCY_BINS.findIndex((b) => ms <= b);
  return i === -1 ? LATENCY_BINS.length : i;
}

function add(stats: Record<string, Stat>, key: string, isError: boolean, durationMs: number | undefined): void {
  const s = (stats[key] ??= { c: 0, e: 0, h: {} });
  s.c++;
  if (isError) s.e++;
  if (typeof durationMs === 'number' && Number.isFinite(durationMs)) {
    const b = binOf(durationMs);
    s.h[b] = (s.h[b] ?? 0) + 1;
  }
}

/** Is this record the end of a unit of work we count, and for whom? */
export function countedAs(r: LogRecord): { tool?: string; worker?: string } | undefined {
  if (r.event === 'gateway.tool' && r.tool) return { tool: r.tool };
  if (r.event === 'http.request' && r.worker === 'gateway') {
    // The dashboard's own polling is not traffic: leave /admin/* out of the rates.
    return typeof r.path === 'string' && r.path.startsWith('/admin') ? undefined : { worker: r.worker };
  }
  if (r.event === 'tool.call') return { worker: r.worker };
  return undefined;
}

export function isErrorOutcome(outcome: unknown): boolean {
  return outcome !== undefined && outcome !== 'ok';
}

export function fragmentOf(records: readonly LogRecord[]): Fragment {
  const f = emptyFragment();
  for (const r of records) {
    const as = countedAs(r);
    if (!as) continue;
    const err = isErrorOutcome(r.outcome);
    if (as.tool) add(f.tools, as.tool, err, r.durationMs);
    if (as.worker) add(f.workers, as.worker, err, r.durationMs);
    // The series is what clients saw: one request per gateway http.request; an error is a
    // rejected request or a failed tool call (which travels in a 200 response).
    const isRequest = as.worker === 'gateway';
    if (isRequest || (as.tool && err)) {
      const slot = Math.floor(r.ts / SERIES_STEP_MS) * SERIES_STEP_MS;
      const point = (f.series[slot] ??= [0, 0]);
      if (isRequest) point[0]++;
      if (err) point[1]++;
    }
  }
  return f;
}

export function isEmpty(f: Fragment): boolean {
  return !Object.keys(f.tools).length && !Object.keys(f.workers).length;
}

function mergeStats(into: Record<string, Stat>, from: Record<string, Stat>): void {
  for (const [k, s] of Object.entries(from)) {
    const t = (into[k] ??= { c: 0, e: 0, h: {} });
    t.c += s.c;
    t.e += s.e;
    for (const [b, n] of Object.entries(s.h)) t.h[Number(b)] = (t.h[Number(b)] ?? 0) + n;
  }
}

/** Merges `from` into `into`, keeping only series points in [since, until). */
export function mergeFragment(into: Fragment, from: Fragment, since = -Infinity, until = Infinity): Fragment {
  mergeStats(into.tools, from.tools);
  mergeStats(into.workers, from.workers);
  for (const [slot, [c, e]] of Object.entries(from.series)) {
    const t = Number(slot);
    if (t < since || t >= until) continue;
    const p = (into.series[t] ??= [0, 0]);
    p[0] += c;
    p[1] += e;
  }
  return into;
}

/**
 * Compact wire form for KV metadata: `[[name, calls, errors, "bin:n,bin:n"], ...]` per map and
 * `"slotOffset:c:e,..."` for the series (offsets in SERIES_STEP_MS from `base`).
 */
export type PackedFragment = { b: number; t: [string, number, number, string][]; w: [string, number, number, string][]; s: string };

export function packFragment(f: Fragment, base: number): PackedFragment {
  const packStats = (m: Record<string, Stat>) =>
    Object.entries(m).map(([k, s]) => [k, s.c, s.e, Object.entries(s.h).map(([b, n]) => `${b}:${n}`).join(',')] as [string, number, number, string]);
  const slotBase = Math.floor(base / SERIES_STEP_MS);
  const s = Object.entries(f.series)
    .map(([slot, [c, e]]) => `${Number(slot) / SERIES_STEP_MS - slotBase}:${c}:${e}`)
    .join(',');
  return { b: slotBase, t: packStats(f.tools), w: packStats(f.workers), s };
}

export function unpackFragment(p: PackedFragment): Fragment {
  const unpackStats = (rows: PackedFragment['t']) => {
    const out: Record<string, Stat> = {};
    for (const [k, c, e, h] of rows) {
      const hist: Record<number, number> = {};
      for (const part of h ? h.split(',') : []) {
        const [b, n] = part.split(':').map(Number);
        hist[b] = n;
      }
      out[k] = { c, e, h: hist };
    }
    return out;
  };
  const series: Fragment['series'] = {};
  for (const part of p.s ? p.s.split(',') : []) {
    const [off, c, e] = part.split(':').map(Number);
    series[(p.b + off) * SERIES_STEP_MS] = [c, e];
  }
  return { tools: unpackStats(p.t), workers: unpackStats(p.w), series };
}

/** The latency at quantile q (0..1) from a histogram: the upper bound of the bin it falls in. */
export function quantile(h: Record<number, number>, q: number): number | null {
  const bins = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((n, [, c]) => n + c, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [b, n] of bins) {
    seen += n;
    if (seen >= rank) return b < LATENCY_BINS.length ? LATENCY_BINS[b] : LATENCY_BINS[LATENCY_BINS.length - 1] * 2;
  }
  return null;
}

export interface StatSummary {
  calls: number;
  errors: number;
  /** Percent, 0-100, two decimals. */
  errorRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function summarize(s: Stat): StatSummary {
  return {
    calls: s.c,
    errors: s.e,
    errorRate: s.c ? Math.round((s.e / s.c) * 10_000) / 100 : 0,
    p50: quantile(s.h, 0.5),
    p95: quantile(s.h, 0.95),
    p99: quantile(s.h, 0.99),
  };
}
