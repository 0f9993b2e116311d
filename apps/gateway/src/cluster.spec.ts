import { readFileSync } from 'node:fs';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

const dockerfile = readFileSync(new URL('./fixtures/node-app.Dockerfile', import.meta.url), 'utf8');

type Records = { records: Record<string, unknown>[] };

/** Tail events reach the tailworker after the response: poll the KV store it writes. */
async function logsFor(cluster: Cluster, requestId: string, want: (r: Records['records']) => boolean): Promise<Records['records']> {
  const kv = await cluster.mf.getKVNamespace('LOGS', 'tailworker');
  for (let i = 0; i < 50; i++) {
    const { keys } = await kv.list<{ r: string[] }>({ prefix: 'log:' });
    const hits = keys.filter((k) => k.metadata?.r.includes(requestId));
    const records = (await Promise.all(hits.map((k) => kv.get<Records['records']>(k.name, 'json')))).flat();
    const mine = records.filter((r) => r?.requestId === requestId) as Records['records'];
    if (want(mine)) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no complete log records for request ${requestId}`);
}

describe('the whole system in one workerd', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => cluster?.stop());

  it('serves a 2026-07-28 client: lists tools, calls docker_lint_dockerfile, logs the call across workers', async () => {
    const client = await cluster.connectModern();
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const { tools } = await client.listTools();
    const lint = tools.find((t) => t.name === 'docker_lint_dockerfile');
    expect(lint?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });

    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: dockerfile } });
    expect(result.isError).toBeFalsy();
    const ids = (result.structuredContent as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['DL3007', 'DL3008', 'DL3009', 'DL3015']));

    const requestId = result._meta?.['mcp-workers/requestId'] as string;
    const traceId = result._meta?.['mcp-workers/traceId'] as string;
    const records = await logsFor(cluster, requestId, (rs) => rs.some((r) => r.worker === 'worker-docker'));
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ worker: 'gateway', event: 'gateway.tool', tool: 'docker_lint_dockerfile', outcome: 'ok', traceId }),
        expect.objectContaining({ worker: 'worker-docker', event: 'tool.call', tool: 'docker_lint_dockerfile', outcome: 'ok', traceId }),
      ]),
    );
    // Arguments are never logged, only their size and hash.
    expect(JSON.stringify(records)).not.toContain('apt-get');
  });

  it('serves a 2025-11-25 client (the v1 SDK) on the same URL', async () => {
    const client = await cluster.connectLegacy();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('docker_lint_dockerfile');
    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: dockerfile } });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('DL3007');
  });

  it('keeps internal workers unreachable except through the gateway', async () => {
    const worker = await cluster.mf.getWorker('worker-docker');
    const response = await worker.fetch('http://internal/');
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/reachable only through the gateway/);
  });
});

describe('a category whose binding is broken', () => {
  let full: Cluster;
  let degraded: Cluster;
  beforeAll(async () => {
    [full, degraded] = await Promise.all([startCluster(), startCluster({ dropBindings: { gateway: ['DOCKER_MCP_WORKER'] } })]);
  });
  afterAll(() => Promise.all([full?.stop(), degraded?.stop()]));

  it('still lists every other category and names the missing one', async () => {
    const all = (await (await full.connectModern()).listTools()).tools.map((t) => t.name);
    const client = await degraded.connectModern();
    const listed = await client.listTools();
    const names = listed.tools.map((t) => t.name);
    const others = all.filter((n) => !n.startsWith('docker_'));
    expect(others.length).toBeGreaterThan(0);
    expect(names.sort()).toEqual(others.sort());
    expect(listed._meta?.['mcp-workers/unavailable']).toEqual(['docker']);

    const health = await (await fetch(`${degraded.url}/health`)).json();
    expect(health.status).toBe('degraded');
    expect(health.categories.find((c: { category: string }) => c.category === 'docker')).toMatchObject({ status: 'down' });
  });

  it('answers a docker call with an error naming the category, and other calls normally', async () => {
    const client = await degraded.connectLegacy();
    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: dockerfile } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/The docker category is unavailable/);
    const other = (await client.listTools()).tools[0];
    const ok = await client.callTool({ name: other.name, arguments: {} });
    // Whatever the tool thinks of empty arguments, it answered: the category is up.
    expect(JSON.stringify(ok.content)).not.toMatch(/category is unavailable/);
  });
});
