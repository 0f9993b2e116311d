import { describeBenchCases, osvRecordsIn, startOsvStub } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

// python_audit_vulnerabilities queries OSV: a loopback stand-in serving the fixture advisories.
let osv: Awaited<ReturnType<typeof startOsvStub>> | undefined;

describeBenchCases('python', cases, tools, {
  env: async () => {
    osv = await startOsvStub(osvRecordsIn(new URL('../src/audit-vulnerabilities/fixtures/osv/', import.meta.url)));
    return { OSV_API_URL: osv.url };
  },
  teardown: async () => osv?.close(),
});
