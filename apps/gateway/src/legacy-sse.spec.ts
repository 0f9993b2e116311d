import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

/** Old clients on the 2024-11-05 HTTP+SSE transport, sessions held in a Durable Object. */
describe('legacy HTTP+SSE transport', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'] });
  });
  afterAll(() => cluster?.stop());

  it('serves the v1 SDK client over GET /sse + POST /messages', async () => {
    const client = new Client({ name: 'legacy-sse', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${cluster.url}/sse`)));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('docker_lint_dockerfile');
      const result = await client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: 'FROM node:latest\n# sse\n' } });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.content)).toContain('DL3007');
      await expect(client.callTool({ name: 'docker_nope', arguments: {} })).rejects.toThrow(/Unknown tool/);
    } finally {
      await client.close();
    }
  });

  it('answers POSTs to unknown or malformed sessions with an HTTP error', async () => {
    const post = (query: string) => fetch(`${cluster.url}/messages${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    expect((await post('?sessionId=' + '0'.repeat(32))).status).toBe(404);
    expect((await post('?sessionId=nope')).status).toBe(400);
    expect((await post('')).status).toBe(400);
    expect((await fetch(`${cluster.url}/sse`, { method: 'POST' })).status).toBe(405);
  });
});
