import type { LogRecord } from '@mcp/core-logger';
import { fragmentOf, isEmpty, packFragment, type PackedFragment } from './rollup';

/**
 * KV layout. One put per tail() invocation (KV puts are the throughput limit: one per line
 * collapses a local cluster from ~4k to ~400 req/s), under `log:<ts13>:<rand>` so that
 * listing returns batches in time order. The batch's request and trace ids ride in the key's
 * metadata, so a lookup by id reads only the batches that hold it.
 */
export const BATCH_PREFIX = 'log:';
const MIN_TTL = 60;
const METADATA_BUDGET = 900; // KV allows 1024 bytes of metadata per key.
const METADATA_LIMIT = 1000; // ids + rollup fragment, as serialized JSON, with some slack.
export const DEFAULT_TTL = 7 * 24 * 3600;

export interface BatchMetadata {
  r: string[];
  t: string[];
  /** Set when not every id fitted: such a batch is always read when searching by id. */
  more?: true;
  /** Workers and levels present in the batch: filters by worker or level skip other batches unread. */
  w?: string[];
  l?: string[];
  /** The batch's analytics fragment (rollup.ts), when it fitted. */
  a?: PackedFragment;
  /** Set when the batch counts for analytics but its fragment did not fit: recompute from the records. */
  ax?: 1;
}

/** Retention in seconds: LOG_TTL_SECONDS, at least 60 (KV's minimum), default 7 days. */
export function ttlSeconds(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.max(MIN_TTL, n) : DEFAULT_TTL;
}

export function batchKey(ts: number): string {
  const rand = crypto.getRandomValues(new Uint32Array(2));
  return `${BATCH_PREFIX}${String(ts).padStart(13, '0')}:${rand[0].toString(36)}${rand[1].toString(36)}`;
}

export function batchMetadata(records: readonly LogRecord[]): BatchMetadata {
  const meta: BatchMetadata = { r: [], t: [], w: [...new Set(records.map((r) => r.worker))], l: [...new Set(records.map((r) => r.level))] };
  const requestIds = new Set(records.map((r) => r.requestId).filter((x): x is string => !!x));
  const traceIds = new Set(records.map((r) => r.traceId).filter((x): x is string => !!x));
  let size = 20 + JSON.stringify(meta.w).length + JSON.stringify(meta.l).length;
  for (const [ids, list] of [[requestIds, meta.r], [traceIds, meta.t]] as const) {
    for (const id of ids) {
      if (size + id.length + 3 > METADATA_BUDGET) {
        meta.more = true;
        break;
      }
      list.push(id);
      size += id.length + 3;
    }
  }
  const fragment = fragmentOf(records);
  if (!isEmpty(fragment)) {
    const packed = packFragment(fragment, Math.min(...records.map((r) => r.ts)));
    if (JSON.stringify({ ...meta, a: packed }).length <= METADATA_LIMIT) meta.a = packed;
    else meta.ax = 1;
  }
  return meta;
}

export async function writeBatch(kv: KVNamespace, records: LogRecord[], ttl: number): Promise<string | undefined> {
  if (records.length === 0) return undefined;
  const key = batchKey(Math.min(...records.map((r) => r.ts)));
  await kv.put(key, JSON.stringify(records), { expirationTtl: ttl, metadata: batchMetadata(records) });
  return key;
}
