import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

/**
 * A category worker whose deployed version changes on every tools listing, as if a team
 * deployed it again and again: the gateway's catalog sees a new version on each refresh.
 */
const redeployingWorker = {
  modules: true,
  compatibilityDate: '2026-04-26',
  script: `
    import { WorkerEntrypoint } from 'cloudflare:workers';
    let deploys = 0;
    const tool = { name: 'api_probe', description: 'probe', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } };
    export class CategoryEntrypoint extends WorkerEntrypoint {
      async listTools() { deploys++; return { contractVersion: '1.1.0', category: 'api', version: 'v' + deploys, tools: [tool] }; }
      async health() { return { contractVersion: '1.1.0', category: 'api', version: 'v' + deploys, status: 'ok', tools: 1 }; }
      async callTool() { return { content: [] }; }
    }
    export default { fetch() { return new Response('internal', { status: 404 }); } };
  `,
};

describe('tools/list_changed on subscriptions/listen', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      apps: ['gateway', 'worker-api', 'tailworker'],
      vars: { gateway: { LIST_TTL_MS: '300' } },
      replace: { 'worker-api': redeployingWorker },
    });
  });
  afterAll(() => cluster?.stop());

  it('reaches a client that only listens, with no other request to the gateway', async () => {
    const client = await cluster.connectModern();
    await client.listTools(); // the catalog now knows a version to compare with
    let heard = 0;
    client.setNotificationHandler('notifications/tools/list_changed', () => {
      heard++;
    });
    const subscription = await client.listen({ toolsListChanged: true });
    expect(subscription.honoredFilter).toMatchObject({ toolsListChanged: true });
    const deadline = Date.now() + 10_000;
    while (heard === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await subscription.close();
    expect(heard).toBeGreaterThan(0);
  }, 20_000);
});
