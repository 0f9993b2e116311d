import type { LogRecord } from '@mcp/core-logger';
import { BATCH_PREFIX, type BatchMetadata } from './store';

/**
 * The query API over the batches store.ts writes. Reading is list-driven: `list()` returns each
 * batch key with its metadata (ids, workers, levels), so a filtered query reads only the
 * batches that can hold a match.
 */
export const FILTERS = ['worker', 'level', 'tool', 'outcome', 'requestId', 'traceId', 'event'] as const;
export type Filter = Partial<Record<(typeof FILTERS)[number], string>>;
const LOG_PARAMS = new Set<string>([...FILTERS, 'since', 'until', 'limit', 'cursor']);
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const MAX_LIMIT = 1000;
/** A batch's key carries its earliest record's time; its records may be this much later. */
export const BATCH_SPAN_MS = 60_000;

/** A record plus where it lives, so pages can be cut at a stable position. */
export interface Located {
  record: LogRecord;
  key: string;
  index: number;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

export class BadRequest extends Error {}

/** Epoch ms, an ISO date, or a duration ago (`90s`, `15m`, `2h`, `7d`). */
export function parseTime(name: string, raw: string | null, fallback: number, now: number): number {
  if (raw === null || raw === '') return fallback;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const ago = /^(\d{1,9})(s|m|h|d)$/.exec(raw);
  if (ago) return now - Number(ago[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 's']!;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new BadRequest(`${name} must be epoch milliseconds, an ISO date or a duration ago like 15m (got ${JSON.stringify(raw.slice(0, 40))})`);
  return t;
}

interface CursorPos {
  ts: number;
  k: string;
  i: number;
}

/** Opaque to clients: the position of the last record returned (time, batch, index). */
export function encodeCursor(p: CursorPos): string {
  return btoa(JSON.stringify(p)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(raw: string): CursorPos {
  try {
    const p = JSON.parse(atob(raw.replace(/-/g, '+').replace(/_/g, '/'))) as CursorPos;
    if (Number.isInteger(p.ts) && typeof p.k === 'string' && p.k.startsWith(BATCH_PREFIX) && Number.isInteger(p.i)) return p;
  } catch {
    // fall through
  }
  throw new BadRequest('cursor is not one this API returned');
}

export function compareLocated(a: Located, b: Located): number {
  return a.record.ts - b.record.ts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.index - b.index;
}

export function parseLogQuery(params: URLSearchParams, now: number): { filter: Filter; since: number; until: number; limit: number; after?: CursorPos } {
  for (const key of params.keys()) {
    if (!LOG_PARAMS.has(key)) throw new BadRequest(`unknown parameter ${JSON.stringify(key)}; allowed: ${[...LOG_PARAMS].join(', ')}`);
  }
  const filter: Filter = {};
  for (const key of FILTERS) {
    const v = params.get(key);
    if (v === null || v === '') continue;
    if (v.length > 200) throw new BadRequest(`${key} is too long`);
    filter[key] = v;
  }
  if (filter.level && !LEVELS.includes(filter.level.replace(/^!/, ''))) throw new BadRequest(`level must be one of ${LEVELS.join(', ')} (or !level)`);
  if (filter.traceId && !/^[0-9a-f]{32}$/.test(filter.traceId)) throw new BadRequest('traceId must be 32 lowercase hex digits');
  if (filter.requestId && !/^[\w-]{1,64}$/.test(filter.requestId)) throw new BadRequest('requestId must be 1-64 letters, digits, _ or -');
  const since = parseTime('since', params.get('since'), 0, now);
  const until = parseTime('until', params.get('until'), now + 60_000, now);
  if (since > until) throw new BadRequest('since must not be after until');
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? 100 : /^\d{1,5}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new BadRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  const cursor = params.get('cursor');
  return { filter, since, until, limit, after: cursor ? decodeCursor(cursor) : undefined };
}

/** The longest key prefix shared by every batch key between two times: less to list. */
export function timePrefix(since: number, until: number): string {
  const a = String(Math.max(0, Math.floor(since))).padStart(13, '0');
  const b = String(Math.max(0, Math.floor(until))).padStart(13, '0');
  let i = 0;
  while (i < 13 && a[i] === b[i]) i++;
  return BATCH_PREFIX + a.slice(0, i);
}

export function keyTime(name: string): number {
  return Number(name.slice(BATCH_PREFIX.length, BATCH_PREFIX.length + 13));
}

/** Can this batch hold a record matching the filter? Decided from metadata alone. */
export function batchMayMatch(m: BatchMetadata | null | undefined, filter: Filter): boolean {
  if (!m) return true;
  if (filter.worker && !filter.worker.startsWith('!') && m.w && !m.w.includes(filter.worker)) return false;
  if (filter.level && !filter.level.startsWith('!') && m.l && !m.l.includes(filter.level)) return false;
  if (m.more) return true;
  if (filter.requestId && !m.r.includes(filter.requestId)) return false;
  if (filter.traceId && !m.t.includes(filter.traceId)) return false;
  return true;
}

/** A filter value matches exactly; `!value` matches everything else (e.g. `outcome=!ok`). */
export function matches(r: LogRecord, filter: Filter): boolean {
  return FILTERS.every((f) => {
    const want = filter[f];
    if (!want) return true;
    return want.startsWith('!') ? r[f] !== want.slice(1) : r[f] === want;
  });
}

/**
 * Lists batches in key (time) order and returns matching records sorted by (ts, batch, index),
 * stopping once `want` records are final: a record is final when no batch still unlisted can
 * hold an earlier one (unlisted batches' keys, hence all their records, are no earlier than
 * the last key listed).
 */
export async function scan(
  kv: KVNamespace,
  filter: Filter,
  since: number,
  until: number,
  want: number,
  after?: CursorPos,
): Promise<{ located: Located[]; complete: boolean }> {
  const from = Math.max(since, after?.ts ?? 0);
  const out: Located[] = [];
  let cursor: string | undefined;
  let boundary = Infinity;
  for (;;) {
    const page = await kv.list<BatchMetadata>({ prefix: timePrefix(from - BATCH_SPAN_MS, until), cursor });
    const keys = page.keys.filter((k) => {
      const ts = keyTime(k.name);
      return ts <= until && ts >= from - BATCH_SPAN_MS && batchMayMatch(k.metadata, filter);
    });
    const batches = await Promise.all(keys.map((k) => kv.get<LogRecord[]>(k.name, 'json')));
    batches.forEach((batch, b) => {
      (batch ?? []).forEach((record, index) => {
        if (record.ts < since || record.ts > until || !matches(record, filter)) return;
        const loc = { record, key: keys[b].name, index };
        if (after && compareLocated(loc, { record: { ts: after.ts } as LogRecord, key: after.k, index: after.i }) <= 0) return;
        out.push(loc);
      });
    });
    if (page.list_complete) {
      boundary = Infinity;
      break;
    }
    cursor = page.cursor;
    boundary = page.keys.length ? keyTime(page.keys[page.keys.length - 1].name) : boundary;
    if (out.filter((l) => l.record.ts < boundary).length >= want) break;
  }
  out.sort(compareLocated);
  const final = boundary === Infinity ? out : out.filter((l) => l.record.ts < boundary);
  return { located: final, complete: boundary === Infinity };
}

export async function queryLogs(params: URLSearchParams, kv: KVNamespace, now = Date.now()): Promise<Response> {
  const q = parseLogQuery(params, now);
  const { located, complete } = await scan(kv, q.filter, q.since, q.until, q.limit, q.after);
  const page = located.slice(0, q.limit);
  const last = page[page.length - 1];
  const more = located.length > q.limit || !complete;
  const nextCursor = more && last ? encodeCursor({ ts: last.record.ts, k: last.key, i: last.index }) : null;
  return json({ records: page.map((l) => l.record), nextCursor });
}

/** One trace's records in order, with the workers it crossed and its span in time. */
export async function queryTrace(traceId: string, params: URLSearchParams, kv: KVNamespace, now = Date.now()): Promise<Response> {
  for (const key of params.keys()) {
    if (key !== 'since' && key !== 'until') throw new BadRequest(`unknown parameter ${JSON.stringify(key)}; allowed: since, until`);
  }
  const since = parseTime('since', params.get('since'), 0, now);
  const until = parseTime('until', params.get('until'), now + 60_000, now);
  const { located } = await scan(kv, { traceId }, since, until, Number.MAX_SAFE_INTEGER);
  const records = located.map((l) => l.record);
  const workers = [...new Set(records.map((r) => r.worker))];
  const durationMs = records.length ? records[records.length - 1].ts - records[0].ts : 0;
  return json({ traceId, workers, durationMs, records });
}
