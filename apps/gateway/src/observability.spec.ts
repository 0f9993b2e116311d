import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

// The observability path end to end in workerd: gateway and worker-docker log, the tailworker
// stores, the query API answers through the gateway's /admin/* forwarding.
const ADMIN_TOKEN = 'obs-admin-token';
type Rec = Record<string, unknown> & { ts: number; worker: string; event: string; requestId?: string; traceId?: string };

describe('observability through the gateway', () => {
  let cluster: Cluster;
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const admin = async (path: string, headers: Record<string, string> = auth) => {
    const res = await fetch(`${cluster.url}${path}`, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
  };
  const call = async (name: string, args: unknown) => {
    const res = await fetch(cluster.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
    });
    const text = await res.text();
    const msg = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    return { requestId: msg.result._meta['mcp-workers/requestId'] as string, traceId: msg.result._meta['mcp-workers/traceId'] as string, isError: !!msg.result.isError };
  };
  /** Tail events arrive after the response: poll the query API until `ok`. */
  const until = async <T>(fn: () => Promise<T>, ok: (t: T) => boolean, what: string): Promise<T> => {
    for (let i = 0; i < 150; i++) {
      const t = await fn();
      if (ok(t)) return t;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  let good: Awaited<ReturnType<typeof call>>;
  let bad: Awaited<ReturnType<typeof call>>;
  let started: number;
  beforeAll(async () => {
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'], vars: { gateway: { ADMIN_TOKEN }, tailworker: { LOG_TTL_SECONDS: '120' } } });
    started = Date.now() - 1000;
    good = await call('docker_lint_dockerfile', { content: 'FROM node:latest\nRUN apt-get install -y curl\n' });
    bad = await call('docker_lint_dockerfile', { content: 42 });
    await until(() => admin(`/admin/logs?traceId=${bad.traceId}`), (r) => r.body.records?.length >= 3, 'the failing call in the store');
    await until(() => admin(`/admin/logs?traceId=${good.traceId}`), (r) => r.body.records?.length >= 3, 'the good call in the store');
  });
  afterAll(() => cluster?.stop());

  it('answers one trace across gateway and worker in time order', async () => {
    const { status, body } = await admin(`/admin/traces/${good.traceId}`);
    expect(status).toBe(200);
    const recs = body.records as Rec[];
    expect(recs.map((r) => r.ts)).toEqual([...recs.map((r) => r.ts)].sort((a, b) => a - b));
    expect(recs.filter((r) => r.event === 'gateway.tool' && r.worker === 'gateway')).toHaveLength(1);
    expect(recs.filter((r) => r.event === 'tool.call' && r.worker === 'worker-docker')).toHaveLength(1);
    expect(body.workers).toEqual(expect.arrayContaining(['gateway', 'worker-docker']));
    expect(JSON.stringify(recs)).not.toContain('apt-get');
  });

  it('filters logs and rejects bad parameters with the reason', async () => {
    const errs = await admin(`/admin/logs?event=gateway.tool&outcome=!ok&since=${started}`);
    expect((errs.body.records as Rec[]).map((r) => r.requestId)).toEqual([bad.requestId]);
    const docker = await admin(`/admin/logs?worker=worker-docker&tool=docker_lint_dockerfile&outcome=ok&since=5m`);
    expect((docker.body.records as Rec[]).map((r) => r.requestId)).toEqual([good.requestId]);
    for (const q of ['limit=0', 'level=verbose', 'since=tomorrow', 'cursor=zzz', 'foo=bar', 'traceId=123']) {
      const r = await admin(`/admin/logs?${q}`);
      expect([q, r.status, typeof r.body.error]).toEqual([q, 400, 'string']);
    }
    expect((await admin('/admin/analytics?window=7d')).status).toBe(400);
    expect((await admin('/admin/traces/not-a-trace')).status).toBe(400);
  });

  it('answers analytics per tool and per worker', async () => {
    const a = await until(() => admin('/admin/analytics?window=5m'), (r) => r.body.tools?.some((t: { calls: number }) => t.calls >= 2), 'analytics');
    const tool = a.body.tools.find((t: { tool: string }) => t.tool === 'docker_lint_dockerfile');
    expect(tool).toMatchObject({ calls: 2, errors: 1, errorRate: 50 });
    expect(tool.p50).toBeGreaterThan(0);
    expect(tool.p99).toBeGreaterThanOrEqual(tool.p95);
    expect(a.body.workers.find((w: { worker: string }) => w.worker === 'worker-docker')).toMatchObject({ calls: 2, errors: 1 });
    expect(a.body.series.reduce((n: number, p: { requests: number }) => n + p.requests, 0)).toBe(2);
    expect(a.body.series.reduce((n: number, p: { errors: number }) => n + p.errors, 0)).toBe(1);
  });

  it('stores batches with the configured TTL and the rollup fragment in metadata', async () => {
    const kv = await cluster.mf.getKVNamespace('LOGS', 'tailworker');
    const { keys } = await kv.list<{ t: string[]; a?: unknown }>({ prefix: 'log:' });
    const mine = keys.find((k) => k.metadata?.t.includes(good.traceId) && k.metadata.a);
    expect(mine).toBeDefined();
    const ttl = mine!.expiration! - Date.now() / 1000;
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(121);
  });

  it('lets a browser in with ?token= once: a signed HttpOnly cookie, the token gone from the URL', async () => {
    expect((await admin('/admin/logs', {})).status).toBe(401);
    expect((await admin('/admin/dashboard?token=wrong', {})).status).toBe(401);
    const login = await admin(`/admin/dashboard?token=${ADMIN_TOKEN}`, {});
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/dashboard');
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/admin/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    const cookie = setCookie.split(';')[0];
    const page = await admin('/admin/dashboard', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>MCP Workers dashboard</title>');
    expect((await admin('/admin/logs?limit=1', { cookie })).status).toBe(200);
    expect((await admin('/admin/logs?limit=1', { cookie: cookie.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).status).toBe(401);
    expect((await admin('/admin/logs?limit=1', { cookie: 'mcp_admin=1.' + '0'.repeat(64) })).status).toBe(401);
    // the bearer header path is unchanged
    expect((await admin('/admin/logs?limit=1')).status).toBe(200);
  });
});
