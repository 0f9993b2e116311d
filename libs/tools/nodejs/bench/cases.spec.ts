import { describeBenchCases } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

// node_check_vulnerabilities queries OSV: a loopback stand-in serving the fixture advisories.
describeBenchCases('nodejs', cases, tools, { osvRecords: [new URL('../src/check-vulnerabilities/fixtures/osv/', import.meta.url)] });
