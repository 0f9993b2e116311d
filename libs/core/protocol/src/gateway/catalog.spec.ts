import { CONTRACT_VERSION, type CategoryWorkerRpc, type ListToolsReply } from '../contract';
import type { CategoryRoute } from '../routing';
import { ToolCatalog } from './catalog';

const routes: CategoryRoute[] = [
  { category: 'docker', prefix: 'docker_', binding: 'DOCKER' },
  { category: 'api', prefix: 'api_', binding: 'API' },
];

function worker(category: string, version: () => string, tools: string[], fail = false): CategoryWorkerRpc {
  return {
    async listTools(): Promise<ListToolsReply> {
      if (fail) throw new Error('boom');
      return { contractVersion: CONTRACT_VERSION, category, version: version(), tools: tools.map((name) => ({ name, description: '', inputSchema: { type: 'object' } })) };
    },
    callTool: async () => ({ content: [] }),
    health: async () => ({ contractVersion: CONTRACT_VERSION, category, version: version(), status: 'ok', tools: tools.length }),
  };
}

describe('tool catalog', () => {
  it('aggregates categories, drops tools outside a worker prefix, and reports a failing worker', async () => {
    const catalog = new ToolCatalog(routes, (r) => (r.category === 'docker' ? worker('docker', () => 'v1', ['docker_a', 'api_sneaky']) : worker('api', () => 'v1', [], true)), { ttlMs: 1000, timeoutMs: 1000 });
    const c = await catalog.get();
    expect(c.tools.map((t) => t.name)).toEqual(['docker_a']);
    expect(c.categories.map((s) => [s.category, s.status])).toEqual([
      ['docker', 'ok'],
      ['api', 'down'],
    ]);
  });

  it('caches per TTL and announces a change of any worker version', async () => {
    let version = 'v1';
    let calls = 0;
    const changes: number[] = [];
    const rpc = worker('docker', () => version, ['docker_a']);
    const counting: CategoryWorkerRpc = { ...rpc, listTools: () => (calls++, rpc.listTools()) };
    const catalog = new ToolCatalog(routes.slice(0, 1), () => counting, { ttlMs: 60_000, timeoutMs: 1000, onChange: () => changes.push(Date.now()) });
    await catalog.get();
    await catalog.get();
    expect(calls).toBe(1);
    catalog.invalidate();
    await catalog.get();
    expect(changes).toHaveLength(0);
    version = 'v2';
    catalog.invalidate();
    await catalog.get();
    expect(changes).toHaveLength(1);
  });
});
