import { Validator } from '@cfworker/json-schema';
import type { BenchCase } from './bench';
import { startCluster, type Cluster } from './cluster';

/**
 * The integration spec every category worker runs: boot the gateway, the worker and the
 * tailworker in workerd, then call every tool of the category through the gateway with the
 * v2 SDK client (2026-07-28) on its benchmark input, and validate each `structuredContent`
 * against the `outputSchema` the tool advertises.
 */
export interface CategorySpecOptions {
  /** Vars for the category worker, e.g. a loopback URL for a service it queries. */
  workerVars?: () => Promise<Record<string, string>>;
  teardown?: () => Promise<void>;
}

export function describeCategoryThroughGateway(category: string, cases: BenchCase[], options: CategorySpecOptions = {}): void {
  describe(`worker-${category} through the gateway`, () => {
    let cluster: Cluster;
    beforeAll(async () => {
      const vars = options.workerVars ? { [`worker-${category}`]: await options.workerVars() } : undefined;
      cluster = await startCluster({ apps: ['gateway', `worker-${category}`, 'tailworker'], vars });
    });
    afterAll(async () => {
      await cluster?.stop();
      await options.teardown?.();
    });

    it('lists exactly the tools of the lib, each with valid input and output schemas', async () => {
      const client = await cluster.connectModern();
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(cases.map((c) => c.tool.name).sort());
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.outputSchema?.type).toBe('object');
      }
    });

    for (const benchCase of cases) {
      it(`calls ${benchCase.tool.name} and its result matches the output schema`, async () => {
        const client = await cluster.connectModern();
        const { tools } = await client.listTools();
        const descriptor = tools.find((t) => t.name === benchCase.tool.name);
        const result = await client.callTool({ name: benchCase.tool.name, arguments: benchCase.input(30) as Record<string, unknown> });
        const text = JSON.stringify(result.content);
        expect(result.isError ? text : 'ok').toBe('ok');
        const validation = new Validator(descriptor!.outputSchema as object, '2020-12', false).validate(result.structuredContent);
        expect(validation.errors).toEqual([]);
      });
    }
  });
}
