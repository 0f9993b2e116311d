import { envelopeSchema } from '@mcp/core-response';
import type { ToolDefinition } from '../registry/define-tool';
import type { BenchCase } from './bench';
import { osvRecordsIn, startOsvStub } from './osv-stub';
import { resultText, runTool } from './run-tool';

export interface BenchSpecOptions {
  /** Folders of OSV advisory records to serve on a loopback OSV (the tools get OSV_API_URL). */
  osvRecords?: URL[];
}

/**
 * The spec every category's bench cases share: the gateway integration test sends `input(30)`
 * to every tool and the bench runner grows inputs from 300 lines, so each case must cover its
 * tool, give valid arguments that analyse without error, and answer deterministically.
 */
export function describeBenchCases(category: string, cases: BenchCase[], tools: ToolDefinition[], options: BenchSpecOptions = {}): void {
  describe(`${category} bench cases`, () => {
    let env: Record<string, unknown> = {};
    let osv: Awaited<ReturnType<typeof startOsvStub>> | undefined;
    beforeAll(async () => {
      if (!options.osvRecords) return;
      osv = await startOsvStub(osvRecordsIn(...options.osvRecords));
      env = { OSV_API_URL: osv.url };
    });
    afterAll(async () => osv?.close());

    it('cover every tool of the category once', () => {
      expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
    });

    it.each(cases.map((c) => [c.tool.name, c] as const))('%s: input(30) and input(300) analyse to a valid, deterministic envelope', async (_name, c) => {
      for (const lines of [30, 300]) {
        const reply = await runTool(c.tool, c.input(lines), { env });
        if (reply.isError) throw new Error(resultText(reply));
        expect(envelopeSchema().safeParse(reply.structuredContent).success).toBe(true);
        expect(JSON.stringify((await runTool(c.tool, c.input(lines), { env })).structuredContent)).toBe(JSON.stringify(reply.structuredContent));
      }
    }, 60_000);
  });
}
