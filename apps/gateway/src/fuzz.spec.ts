import fc from 'fast-check';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

/**
 * Property: whatever arrives (bytes, JSON that is not JSON-RPC, wrong methods, headers and
 * versions), the gateway answers with a well-formed HTTP or JSON-RPC error or a result:
 * never a 500, never a hang, and the isolate stays alive.
 */
describe('fuzzing the gateway', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'] });
  });
  afterAll(() => cluster?.stop());

  const versions = fc.constantFrom(undefined, '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2026-07-28', '1999-01-01', 'garbage', '');
  const accept = fc.constantFrom(undefined, 'application/json, text/event-stream', 'application/json', 'text/event-stream', '*/*', 'text/html');
  const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8');
  const method = fc.constantFrom('initialize', 'ping', 'tools/list', 'tools/call', 'resources/read', 'prompts/get', 'completion/complete', 'logging/setLevel', 'server/discover', 'notifications/cancelled', 'nope', '');
  const id = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null), fc.constant(undefined), fc.double(), fc.boolean());
  const rpcLike = fc.record(
    {
      jsonrpc: fc.constantFrom('2.0', '1.0', undefined, 2),
      id,
      method: fc.oneof(method, fc.string({ maxLength: 12 })),
      params: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 3 }),
        fc.record({ name: fc.constantFrom('docker_lint_dockerfile', 'docker_nope', 'x'), arguments: fc.jsonValue({ maxDepth: 2 }) }),
        fc.record({ name: fc.constant('docker_lint_dockerfile'), arguments: fc.record({ content: fc.string({ maxLength: 200 }) }) }),
      ),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.string({ maxLength: 300 }).map((s) => s),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    rpcLike.map((v) => JSON.stringify(v)),
    fc.array(rpcLike, { maxLength: 3 }).map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  );

  async function send(init: { httpMethod: string; path: string; body?: string; headers: Record<string, string | undefined> }) {
    const headers = Object.fromEntries(Object.entries(init.headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const res = await fetch(`${cluster.url}${init.path}`, {
      method: init.httpMethod,
      headers,
      body: init.httpMethod === 'GET' || init.httpMethod === 'HEAD' ? undefined : init.body,
      signal: AbortSignal.timeout(15_000),
    });
    const type = res.headers.get('content-type') ?? '';
    if (init.path === '/sse' && type.includes('text/event-stream')) {
      // A legacy SSE session is a stream that stays open: its headers are the answer.
      await res.body?.cancel();
      return { status: res.status, type, text: '' };
    }
    const text = await res.text();
    return { status: res.status, type, text };
  }

  function wellFormed({ status, type, text }: { status: number; type: string; text: string }): void {
    expect(status).not.toBe(500);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(600);
    if (type.includes('application/json') && text) {
      const json = JSON.parse(text);
      // A JSON-RPC answer carries a result or an error with an integer code.
      if (json && typeof json === 'object' && 'jsonrpc' in json && 'error' in json) expect(Number.isInteger(json.error.code)).toBe(true);
    }
  }

  it('answers thousands of malformed POSTs to /mcp with well-formed errors', async () => {
    await fc.assert(
      fc.asyncProperty(body, versions, accept, contentType, async (b, version, acc, ct) => {
        wellFormed(await send({ httpMethod: 'POST', path: '/mcp', body: b, headers: { 'content-type': ct, accept: acc, 'mcp-protocol-version': version } }));
      }),
      { numRuns: 1500 },
    );
  }, 900_000);

  it('answers odd HTTP methods, paths and headers without a 500', async () => {
    const httpMethod = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
    const path = fc.constantFrom('/mcp', '/mcp/', '/sse', '/messages', '/messages?sessionId=x', '/health', '/health/docker', '/health/nope', '/admin/logs', '/', '/%', '/mcp?x=1');
    await fc.assert(
      fc.asyncProperty(httpMethod, path, body, versions, accept, async (m, p, b, version, acc) => {
        wellFormed(await send({ httpMethod: m, path: p, body: b, headers: { 'content-type': 'application/json', accept: acc, 'mcp-protocol-version': version, 'mcp-method': 'tools/list', origin: undefined } }));
      }),
      { numRuns: 600 },
    );
  }, 900_000);

  it('is still alive and serving afterwards', async () => {
    const health = await (await fetch(`${cluster.url}/health/docker`)).json();
    expect(health.status).toBe('ok');
    const client = await cluster.connectModern();
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });
});
