import { describeCategoryThroughGateway, startOsvStub } from '@mcp/core-protocol/testing';
import cases from '@mcp/bench/tools-nodejs';

// The vulnerability tool queries OSV: here a loopback stand-in (no network in tests).
let osv: Awaited<ReturnType<typeof startOsvStub>> | undefined;

describeCategoryThroughGateway('nodejs', cases, {
  workerVars: async () => {
    osv = await startOsvStub();
    return { OSV_API_URL: osv.url };
  },
  teardown: async () => osv?.close(),
});
