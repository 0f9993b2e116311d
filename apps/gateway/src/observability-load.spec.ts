import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

// "Nothing lost": fire many concurrent tool calls through the gateway, then find exactly one
// gateway record per call through the query API, and the category worker's record through
// each call's trace. Bounded concurrency keeps a shared 2-core machine usable.
const CALLS = Number(process.env.OBS_LOAD_CALLS ?? 1000);
const CONCURRENCY = Number(process.env.OBS_LOAD_CONCURRENCY ?? 32);
const ADMIN_TOKEN = 'load-admin-token';
const TOOL = 'docker_lint_dockerfile';
type Rec = { ts: number; worker: string; event: string; tool?: string; requestId?: string; traceId?: string; outcome?: string };

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

const MUTED = ['log', 'info', 'error', 'warn'] as const;
const saved = Object.fromEntries(MUTED.map((m) => [m, console[m]]));

describe(`nothing lost: ${CALLS} concurrent tool calls`, () => {
  let cluster: Cluster;
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  let retries = 0;
  beforeAll(async () => {
    // verbose: miniflare then drains workerd's stdout. The cluster's quiet mode discards the
    // stream without reading it, so after ~64 KiB of log lines workerd blocks writing to a
    // full pipe and every request stalls (seen here at ~150 calls). The output is muted instead.
    for (const m of MUTED) console[m] = () => undefined;
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'], vars: { gateway: { ADMIN_TOKEN } }, verbose: true });
  });
  afterAll(async () => {
    await cluster?.stop();
    Object.assign(console, saved);
  });

  /**
   * One POST. Under concurrency, workerd here sometimes resets a connection before reading the
   * request (ECONNRESET / "other side closed", no request logged): those are retried, and
   * counted, because a retried request that HAD been processed would leave a gateway record
   * no response told us about; the check below allows no more such records than retries.
   */
  /** Admin GETs are read-only: a connection reset is simply retried. */
  async function getJson<T>(path: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${cluster.url}${path}`, { headers: auth, signal: AbortSignal.timeout(60_000) });
        expect(res.status).toBe(200);
        return (await res.json()) as T;
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 5 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw error;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  }

  async function post(body: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(cluster.mcpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
          body,
          signal: AbortSignal.timeout(60_000),
        });
        expect(res.status).toBe(200);
        return await res.text();
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 5 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw error;
        retries++;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  }

  it('finds one gateway.tool record per call and the worker-docker tool.call in every trace', async () => {
    const started = Date.now() - 1000;
    const calls = await mapLimit(Array.from({ length: CALLS }, (_, i) => i), CONCURRENCY, async (i) => {
      const text = await post(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: TOOL, arguments: { content: `# call ${i}\nFROM node:20\nUSER node\n` } } }));
      const msg = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
      return { requestId: msg.result._meta['mcp-workers/requestId'] as string, traceId: msg.result._meta['mcp-workers/traceId'] as string, isError: !!msg.result.isError };
    });
    const callsDone = Date.now();
    expect(calls.filter((c) => c.isError)).toEqual([]);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(CALLS);

    // Page through the query API (cursor) until every call's record has arrived, or time runs out.
    let records: Rec[] = [];
    for (let attempt = 0; attempt < 60; attempt++) {
      records = [];
      let cursor: string | null = null;
      do {
        const page = await getJson<{ records: Rec[]; nextCursor: string | null }>(
          `/admin/logs?worker=gateway&event=gateway.tool&tool=${TOOL}&since=${started}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        );
        records.push(...page.records);
        cursor = page.nextCursor;
      } while (cursor);
      if (records.length >= CALLS && calls.every((c) => records.some((r) => r.requestId === c.requestId))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const recordsDone = Date.now();
    const perRequest = new Map<string, number>();
    for (const r of records) perRequest.set(r.requestId!, (perRequest.get(r.requestId!) ?? 0) + 1);
    const ours = new Set(calls.map((c) => c.requestId));
    const missing = calls.filter((c) => !perRequest.has(c.requestId));
    const duplicated = [...perRequest].filter(([id, n]) => ours.has(id) && n !== 1);
    const unanswered = [...perRequest.keys()].filter((id) => !ours.has(id));
    expect({ missing: missing.length, duplicated: duplicated.length }).toEqual({ missing: 0, duplicated: 0 });
    expect(unanswered.length).toBeLessThanOrEqual(retries);
    expect(records.every((r) => r.outcome === 'ok')).toBe(true);

    // Through each trace: exactly the gateway's record and the category worker's.
    const problems = (
      await mapLimit(calls, 16, async (c) => {
        const { records: trace } = await getJson<{ records: Rec[] }>(`/admin/traces/${c.traceId}?since=${started}`);
        const gw = trace.filter((r) => r.worker === 'gateway' && r.event === 'gateway.tool');
        const worker = trace.filter((r) => r.worker === 'worker-docker' && r.event === 'tool.call' && r.tool === TOOL);
        const ok = gw.length === 1 && worker.length === 1 && worker[0].requestId === c.requestId && trace.every((r) => r.traceId === c.traceId);
        return ok ? undefined : { traceId: c.traceId, gateway: gw.length, worker: worker.length };
      })
    ).filter(Boolean);
    expect(problems).toEqual([]);
    process.stderr.write(
      `nothing lost: ${CALLS} calls at concurrency ${CONCURRENCY} in ${callsDone - started} ms (${retries} connection resets retried), ` +
        `${records.length} gateway.tool records found in ${recordsDone - callsDone} ms (${unanswered.length} from unanswered requests), ` +
        `${CALLS} traces checked in ${Date.now() - recordsDone} ms\n`,
    );
  }, 900_000);
});
