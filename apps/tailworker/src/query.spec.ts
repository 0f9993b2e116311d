import type { LogRecord } from '@mcp/core-logger';
import { writeBatch } from './store';
import { handleQuery } from './routes';
import { MemoryKV } from './memory-kv';

const T0 = 1_700_000_000_000;
const trace = (i: number) => i.toString(16).padStart(32, '0');
const rec = (r: Partial<LogRecord>): LogRecord => ({ ts: T0, worker: 'gateway', level: 'info', event: 'x', ...r });

/** One simulated call: the gateway's invocation and the category worker's, as two batches. */
async function call(kv: MemoryKV, i: number, outcome = 'ok'): Promise<void> {
  const base = { requestId: `req${i}`, traceId: trace(i + 1), tool: 'docker_lint_dockerfile' };
  await writeBatch(kv.asKV(), [rec({ ...base, ts: T0 + i * 10 + 1, worker: 'worker-docker', event: 'tool.call', outcome, durationMs: 1 })], 600);
  await writeBatch(
    kv.asKV(),
    [
      rec({ ...base, ts: T0 + i * 10, event: 'gateway.tool', outcome, durationMs: 3 }),
      rec({ ...base, tool: undefined, ts: T0 + i * 10 + 2, event: 'http.request', path: '/mcp', outcome: 'ok', durationMs: 4 }),
    ],
    600,
  );
}

async function get(kv: MemoryKV, path: string) {
  const res = await handleQuery(new Request(`http://tail${path}`), kv.asKV(), 600);
  return { status: res.status, body: (await res.json()) as { records: LogRecord[]; nextCursor: string | null; error?: string; workers?: string[] } };
}

describe('GET /admin/logs', () => {
  const kv = new MemoryKV();
  beforeAll(async () => {
    for (let i = 0; i < 20; i++) await call(kv, i, i % 5 === 0 ? 'tool_error' : 'ok');
    await writeBatch(kv.asKV(), [rec({ ts: T0 + 500, worker: 'worker-python', level: 'error', event: 'exception', msg: 'boom' })], 600);
  });

  it('filters by worker, level, tool, outcome, requestId, traceId, event and time', async () => {
    expect((await get(kv, '/admin/logs?worker=worker-docker&limit=1000')).body.records).toHaveLength(20);
    expect((await get(kv, '/admin/logs?level=error')).body.records.map((r) => r.msg)).toEqual(['boom']);
    expect((await get(kv, '/admin/logs?tool=docker_lint_dockerfile&limit=1000')).body.records).toHaveLength(40);
    expect((await get(kv, '/admin/logs?outcome=tool_error&worker=gateway')).body.records.map((r) => r.requestId)).toEqual(['req0', 'req5', 'req10', 'req15']);
    expect((await get(kv, '/admin/logs?event=gateway.tool&outcome=!ok')).body.records).toHaveLength(4);
    expect((await get(kv, '/admin/logs?requestId=req3')).body.records.map((r) => r.event)).toEqual(['gateway.tool', 'tool.call', 'http.request']);
    expect((await get(kv, `/admin/logs?traceId=${trace(4)}`)).body.records.every((r) => r.requestId === 'req3')).toBe(true);
    const window = (await get(kv, `/admin/logs?since=${T0 + 50}&until=${new Date(T0 + 79).toISOString()}`)).body.records;
    expect(window.map((r) => r.ts)).toEqual([T0 + 50, T0 + 51, T0 + 52, T0 + 60, T0 + 61, T0 + 62, T0 + 70, T0 + 71, T0 + 72]);
  });

  it('answers 400 with the reason for bad parameters', async () => {
    for (const [query, reason] of [
      ['limit=0', /limit/],
      ['limit=1001', /limit/],
      ['limit=ten', /limit/],
      ['level=loud', /level must be one of/],
      ['since=yesterday-ish', /since must be/],
      ['until=nope', /until must be/],
      [`since=${T0 + 10}&until=${T0}`, /since must not be after until/],
      ['cursor=abc', /cursor/],
      ['traceId=xyz', /traceId/],
      ['requestId=' + 'a'.repeat(65), /requestId/],
      ['wroker=gateway', /unknown parameter "wroker"/],
    ] as const) {
      const { status, body } = await get(kv, `/admin/logs?${query}`);
      expect([query, status]).toEqual([query, 400]);
      expect(body.error).toMatch(reason);
    }
    expect((await get(kv, '/admin/traces/nothex')).status).toBe(400);
    expect((await get(kv, '/admin/nope')).status).toBe(404);
  });

  it('pages with a cursor: every record exactly once, in time order', async () => {
    const seen: LogRecord[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof get>> = await get(kv, `/admin/logs?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.records);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(61);
    expect(pages).toBe(9);
    expect(seen.map((r) => r.ts)).toEqual([...seen.map((r) => r.ts)].sort((a, b) => a - b));
    expect(new Set(seen.map((r) => `${r.requestId}/${r.event}/${r.worker}`)).size).toBe(61);
  });

  it('pages correctly when batches span more than one KV list page', async () => {
    const big = new MemoryKV();
    big.pageSize = 50;
    for (let i = 0; i < 120; i++) await call(big, i);
    let cursor: string | null = null;
    const ids: string[] = [];
    do {
      const res: Awaited<ReturnType<typeof get>> = await get(big, `/admin/logs?event=gateway.tool&limit=33${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...res.body.records.map((r) => r.requestId!));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => `req${i}`));
  });
});

describe('GET /admin/traces/:traceId', () => {
  it('answers one trace in time order across workers', async () => {
    const kv = new MemoryKV();
    for (let i = 0; i < 5; i++) await call(kv, i);
    const { status, body } = await get(kv, `/admin/traces/${trace(3)}`);
    expect(status).toBe(200);
    expect(body.records.map((r) => [r.worker, r.event])).toEqual([
      ['gateway', 'gateway.tool'],
      ['worker-docker', 'tool.call'],
      ['gateway', 'http.request'],
    ]);
    expect(body.workers).toEqual(['gateway', 'worker-docker']);
    expect((await get(kv, `/admin/traces/${trace(99)}`)).body.records).toEqual([]);
  });
});
