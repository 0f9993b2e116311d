import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

/** A stand-in category worker whose RPC methods do what the fault under test needs. */
function fakeWorker(category: string, prefix: string, contractVersion: string, callTool: string): Record<string, unknown> {
  const tool = { name: `${prefix}fault_probe`, description: 'probe', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } };
  return {
    modules: true,
    compatibilityDate: '2026-04-26',
    script: `
      import { WorkerEntrypoint } from 'cloudflare:workers';
      export class CategoryEntrypoint extends WorkerEntrypoint {
        async listTools() { return { contractVersion: '${contractVersion}', category: '${category}', version: 'fault', tools: [${JSON.stringify(tool)}] }; }
        async health() { return { contractVersion: '${contractVersion}', category: '${category}', version: 'fault', status: 'ok', tools: 1 }; }
        async callTool(name, args, meta) { ${callTool} }
      }
      export default { fetch() { return new Response('internal', { status: 404 }); } };
    `,
  };
}

describe('faults in category workers stay in their category', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      apps: ['gateway', 'worker-docker', 'worker-api', 'worker-webdesign', 'worker-architecture', 'tailworker'],
      vars: { gateway: { CALL_TIMEOUT_MS: '1500' } },
      replace: {
        'worker-api': fakeWorker('api', 'api_', '1.1.0', "throw new TypeError('worker bug with internal detail /srv/secret.ts');"),
        'worker-webdesign': fakeWorker('webdesign', 'web_', '1.1.0', 'await new Promise((r) => setTimeout(r, 60_000)); return { content: [] };'),
        'worker-architecture': fakeWorker('architecture', 'arch_', '2.0.0', "return { content: [{ type: 'text', text: 'must never be reached' }] };"),
      },
    });
  });
  afterAll(() => cluster?.stop());

  it('a throwing worker yields an error naming its category, without internals', async () => {
    const client = await cluster.connectModern();
    const result = await client.callTool({ name: 'api_fault_probe', arguments: {} });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toMatch(/The api category is unavailable/);
    expect(text).not.toMatch(/secret\.ts|internal detail/);
  });

  it('a hanging worker times out with a clear error while other categories answer', async () => {
    const client = await cluster.connectLegacy();
    const started = Date.now();
    const [hung, ok] = await Promise.all([
      client.callTool({ name: 'web_fault_probe', arguments: {} }),
      client.callTool({ name: 'docker_lint_dockerfile', arguments: { content: 'FROM alpine:3.20\n' } }),
    ]);
    expect(hung.isError).toBe(true);
    expect(JSON.stringify(hung.content)).toMatch(/The webdesign category is unavailable: web_fault_probe did not finish within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ok.isError).toBeFalsy();
  });

  it('a worker on another contract major is refused by name, the others keep serving', async () => {
    const client = await cluster.connectModern();
    const { tools, _meta } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names.some((n) => n.startsWith('arch_'))).toBe(false);
    expect(names).toContain('docker_lint_dockerfile');
    expect(_meta?.['mcp-workers/unavailable']).toContain('architecture');
    const health = await (await fetch(`${cluster.url}/health`)).json();
    const arch = health.categories.find((c: { category: string }) => c.category === 'architecture');
    expect(arch).toMatchObject({ status: 'down', error: expect.stringMatching(/architecture worker speaks RPC contract 2\.0\.0.*major versions differ/) });
    const call = await client.callTool({ name: 'arch_fault_probe', arguments: {} });
    expect(call.isError).toBe(true);
    expect(JSON.stringify(call.content)).toMatch(/architecture/);
  });
});
