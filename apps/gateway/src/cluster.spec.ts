import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

const ADMIN_TOKEN = 'test-admin-token';
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
    cluster = await startCluster({ vars: { gateway: { ADMIN_TOKEN } } });
  });
  afterAll(() => cluster?.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(cluster.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...headers },
      body,
    });
  const rpcError = async (response: Response) => {
    const text = await response.text();
    const json = JSON.parse(text.startsWith('{') ? text : text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    return json.error as { code: number; message: string };
  };

  it('answers bad input with the right JSON-RPC or HTTP error', async () => {
    expect(await rpcError(await post('{"jsonrpc": "2.0", "id": 1, "method": '))).toMatchObject({ code: -32700 });
    expect(await rpcError(await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'no/such/method' })))).toMatchObject({ code: -32601 });
    const unknownTool = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'docker_nope', arguments: {} } }));
    expect(await rpcError(unknownTool)).toMatchObject({ code: -32602, message: expect.stringContaining('docker_nope') });
    const badCursor = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: { cursor: 'not-ours' } }));
    expect(await rpcError(badCursor)).toMatchObject({ code: -32602 });
    const tooBig = await post(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'docker_lint_dockerfile', arguments: { content: 'x'.repeat(3 * 1024 * 1024) } } }));
    expect(tooBig.status).toBe(413);
    const badLevel = await post(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'logging/setLevel', params: { level: 'bogus' } }));
    expect(await rpcError(badLevel)).toMatchObject({ code: -32602, message: expect.stringContaining('bogus') });
    expect(await (await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'logging/setLevel', params: { level: 'debug' } }))).text()).toContain('"result"');
    const badArgs = await post(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'docker_lint_dockerfile', arguments: { content: 42 } } }));
    expect(await badArgs.text()).toMatch(/Invalid arguments: content/);
  });

  it('refuses foreign origins and DNS-rebinding hosts', async () => {
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await post(ping, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(ping, { origin: 'http://localhost:3000' })).status).toBe(200);
    // fetch() will not send another Host; node:http will (a DNS-rebinding page's request does).
    const url = new URL(cluster.mcpUrl);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: '/mcp', method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(ping);
    });
    expect(rebound).toBe(403);
  });

  it('caches results of deterministic tools by tool, arguments and worker version', async () => {
    const client = await cluster.connectModern();
    const args = { content: `${dockerfile}# cache probe\n`, options: { ignore: ['DL3007'] } };
    const first = await client.callTool({ name: 'docker_lint_dockerfile', arguments: args });
    const second = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { options: { ignore: ['DL3007'] }, content: args.content } });
    expect(first._meta?.['mcp-workers/cache']).toBe('miss');
    expect(second._meta?.['mcp-workers/cache']).toBe('hit');
    expect(second.structuredContent).toEqual(first.structuredContent);
    const records = await logsFor(cluster, second._meta?.['mcp-workers/requestId'] as string, (rs) => rs.some((r) => r.event === 'gateway.tool'));
    expect(records.find((r) => r.event === 'gateway.tool')).toMatchObject({ cacheHit: true, outcome: 'ok' });
    // A hit never reaches the worker.
    expect(records.some((r) => r.worker === 'worker-docker')).toBe(false);
  });

  it('serves the log query API through the gateway, behind the admin token', async () => {
    const client = await cluster.connectLegacy();
    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: `${dockerfile}# admin query probe\n` } });
    const requestId = result._meta?.['mcp-workers/requestId'] as string;
    await logsFor(cluster, requestId, (rs) => rs.length >= 2);
    expect((await fetch(`${cluster.url}/admin/logs?requestId=${requestId}`)).status).toBe(401);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const logs = await (await fetch(`${cluster.url}/admin/logs?requestId=${requestId}`, { headers: auth })).json();
    expect(logs.records.map((r: { worker: string }) => r.worker)).toEqual(expect.arrayContaining(['gateway', 'worker-docker']));
    const traceId = logs.records[0].traceId;
    const trace = await (await fetch(`${cluster.url}/admin/traces/${traceId}`, { headers: auth })).json();
    expect(trace.records.length).toBeGreaterThanOrEqual(logs.records.length);
    expect((await fetch(`${cluster.url}/admin/logs?limit=0`, { headers: auth })).status).toBe(400);
  });

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

  it('offers prompts that chain tools, rule documentation as resources, and completions', async () => {
    const client = await cluster.connectModern();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['review-dockerfile', 'audit-api-spec', 'review-pull-request', 'review-migration']));
    const prompt = await client.getPrompt({ name: 'review-dockerfile', arguments: { dockerfile } });
    expect(JSON.stringify(prompt.messages)).toContain('docker_lint_dockerfile');
    await expect(client.getPrompt({ name: 'review-migration', arguments: {} })).rejects.toThrow(/migration/);

    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates[0].uriTemplate).toBe('rules://{category}/{ruleId}');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('rules://docker/DL3008');
    const doc = await client.readResource({ uri: 'rules://docker/DL3008' });
    expect(JSON.stringify(doc.contents)).toContain('docker_lint_dockerfile');
    await expect(client.readResource({ uri: 'rules://docker/NOPE' })).rejects.toThrow();
    // A renamed rule is found under its former name too (squawk's prefer-timestamptz).
    const renamed = await client.readResource({ uri: 'rules://database/prefer-timestamptz' });
    expect(JSON.stringify(renamed.contents)).toMatch(/# prefer-timestamp-tz.*Also known as: `prefer-timestamptz`/);

    const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'rules://{category}/{ruleId}' }, argument: { name: 'ruleId', value: 'DL30' }, context: { arguments: { category: 'docker' } } });
    expect(ids.completion.values).toEqual(expect.arrayContaining(['DL3007', 'DL3008']));
    const dialects = await client.complete({ ref: { type: 'ref/prompt', name: 'review-migration' }, argument: { name: 'dialect', value: 'my' } });
    expect(dialects.completion.values).toEqual(['mysql']);
  });

  it('serves a 2025-11-25 client (the v1 SDK) on the same URL', async () => {
    const client = await cluster.connectLegacy();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('docker_lint_dockerfile');
    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: dockerfile } });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('DL3007');
  });

  it('sends progress notifications when the client asks for them', async () => {
    const client = await cluster.connectLegacy();
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: `${dockerfile}# progress probe\n` } }, undefined, {
      onprogress: (p) => progress.push(p),
    });
    expect(result.isError).toBeFalsy();
    expect(progress.map((p) => p.progress)).toEqual([0, 2]);
    expect(progress[0].message).toMatch(/calling docker_lint_dockerfile on the docker worker/);
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
