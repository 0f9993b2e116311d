import type { LogRecord } from '@mcp/core-logger';
import { BATCH_PREFIX, type BatchMetadata } from './store';

const FILTERS = ['worker', 'level', 'tool', 'outcome', 'requestId', 'traceId'] as const;
const MAX_LIMIT = 1000;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export async function handleQuery(request: Request, kv: KVNamespace): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/admin/, '');
  if (request.method !== 'GET') return json({ error: 'method not allowed' }, 405);
  if (path === '/logs') return queryLogs(url.searchParams, kv);
  const trace = /^\/traces\/([0-9a-f]{32})$/.exec(path);
  if (trace) {
    const { records } = await scan(kv, { traceId: trace[1] }, 0, Date.now() + 60_000, MAX_LIMIT * 10);
    return json({ traceId: trace[1], records });
  }
  if (path.startsWith('/traces/')) return json({ error: 'traceId must be 32 lowercase hex digits' }, 400);
  return json({ error: `no such endpoint: ${path}` }, 404);
}

async function queryLogs(params: URLSearchParams, kv: KVNamespace): Promise<Response> {
  const filter: Partial<Record<(typeof FILTERS)[number], string>> = {};
  for (const key of FILTERS) {
    const v = params.get(key);
    if (v) filter[key] = v;
  }
  const since = parseTime(params.get('since'), 0);
  const until = parseTime(params.get('until'), Date.now() + 60_000);
  const limit = params.get('limit') === null ? 100 : Number(params.get('limit'));
  if (Number.isNaN(since)) return json({ error: 'since must be epoch milliseconds or an ISO date' }, 400);
  if (Number.isNaN(until)) return json({ error: 'until must be epoch milliseconds or an ISO date' }, 400);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return json({ error: `limit must be an integer from 1 to ${MAX_LIMIT}` }, 400);
  const cursor = params.get('cursor');
  let skip = 0;
  if (cursor) {
    skip = Number.parseInt(cursor, 36);
    if (!/^[0-9a-z]+$/.test(cursor) || !Number.isFinite(skip)) return json({ error: 'cursor is not one this API returned' }, 400);
  }
  const { records } = await scan(kv, filter, since, until, skip + limit + 1);
  const page = records.slice(skip, skip + limit);
  const nextCursor = records.length > skip + limit ? (skip + limit).toString(36) : null;
  return json({ records: page, nextCursor });
}

function parseTime(raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (/^\d+$/.test(raw)) return Number(raw);
  const t = Date.parse(raw);
  return Number.isNaN(t) ? Number.NaN : t;
}

/** The longest key prefix shared by every batch key between two times: less to list. */
function timePrefix(since: number, until: number): string {
  const a = String(Math.max(0, since)).padStart(13, '0');
  const b = String(Math.max(0, until)).padStart(13, '0');
  let i = 0;
  while (i < 13 && a[i] === b[i]) i++;
  return BATCH_PREFIX + a.slice(0, i);
}

async function scan(
  kv: KVNamespace,
  filter: Partial<Record<(typeof FILTERS)[number], string>>,
  since: number,
  until: number,
  want: number,
): Promise<{ records: LogRecord[] }> {
  const out: LogRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<BatchMetadata>({ prefix: timePrefix(since, until), cursor });
    const keys = page.keys.filter((k) => {
      const ts = Number(k.name.slice(BATCH_PREFIX.length, BATCH_PREFIX.length + 13));
      if (ts > until || ts < since - 60_000) return false;
      const m = k.metadata;
      if (!m || m.more) return true;
      if (filter.requestId && !m.r.includes(filter.requestId)) return false;
      if (filter.traceId && !m.t.includes(filter.traceId)) return false;
      return true;
    });
    const batches = await Promise.all(keys.map((k) => kv.get<LogRecord[]>(k.name, 'json')));
    for (const batch of batches) {
      for (const r of batch ?? []) {
        if (r.ts < since || r.ts > until) continue;
        if (FILTERS.every((f) => !filter[f] || r[f] === filter[f])) out.push(r);
      }
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor && out.length < want);
  out.sort((a, b) => a.ts - b.ts);
  return { records: out };
}
