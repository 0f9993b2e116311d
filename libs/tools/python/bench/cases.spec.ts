import { describeBenchCases } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

// python_audit_vulnerabilities queries OSV: a loopback stand-in serving the fixture advisories.
describeBenchCases('python', cases, tools, { osvRecords: [new URL('../src/audit-vulnerabilities/fixtures/osv/', import.meta.url)] });
