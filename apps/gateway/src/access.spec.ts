import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = [
  { name: 'docker-team', sha256: sha('key-docker-0123456789'), categories: ['docker'] },
  { name: 'all', sha256: sha('key-all-0123456789'), categories: ['*'] },
  { name: 'legacy', sha256: sha('key-legacy-0123456789'), categories: ['*'] },
];

describe('API keys and rate limiting', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      apps: ['gateway', 'worker-docker', 'worker-architecture', 'tailworker'],
      vars: { gateway: { API_KEYS: JSON.stringify(KEYS) } },
      patch: { gateway: { ratelimits: { RATE_LIMITER: { simple: { limit: 25, period: 60 } } } } },
    });
  });
  afterAll(() => cluster?.stop());

  const rpc = (body: unknown, key?: string) =>
    fetch(cluster.mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-11-25',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const result = async (r: Response) => {
    const text = await r.text();
    return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)).result;
  };

  it('requires a valid key', async () => {
    const none = await rpc({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'ping' }, 'wrong-key')).status).toBe(401);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'ping' }, 'key-all-0123456789')).status).toBe(200);
  });

  it('shows a key only its categories and refuses calls to the others', async () => {
    const docker = await result(await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, 'key-docker-0123456789'));
    const names: string[] = docker.tools.map((t: { name: string }) => t.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('docker_'))).toBe(true);
    const all = await result(await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, 'key-all-0123456789'));
    expect(all.tools.some((t: { name: string }) => t.name.startsWith('arch_'))).toBe(true);

    const refused = await result(await rpc({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'arch_analyze_dependencies', arguments: { content: '{"a.js":[]}' } } }, 'key-docker-0123456789'));
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/may not use architecture tools/);
  });

  it('answers 429 with Retry-After once a key exceeds its rate', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await rpc({ jsonrpc: '2.0', id: i, method: 'ping' }, 'key-all-0123456789')).status);
    expect(statuses).toContain(429);
    const limited = await rpc({ jsonrpc: '2.0', id: 99, method: 'ping' }, 'key-all-0123456789');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    // Another key has its own budget.
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'ping' }, 'key-docker-0123456789')).status).toBe(200);
  });

  it('counts a legacy SSE message once, and authorizes it with the key of its POST', async () => {
    const connect = async (key: string) => {
      const client = new Client({ name: 'legacy-sse', version: '1.0.0' });
      await client.connect(new SSEClientTransport(new URL(`${cluster.url}/sse`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
      return client;
    };
    // Budget 25: GET /sse, initialize, initialized and 20 pings fit when each message counts once.
    const client = await connect('key-legacy-0123456789');
    try {
      for (let i = 0; i < 20; i++) await client.ping();
    } finally {
      await client.close();
    }
    // Past the budget the /messages POST itself is refused.
    const again = await connect('key-legacy-0123456789').catch((e: Error) => e);
    expect(String(again)).toMatch(/429/);
    await expect(connect('wrong-key')).rejects.toThrow(/401/);
  });
});
