import type { BenchCase } from '@mcp/core-protocol/testing';
import { auditVulnerabilities } from '../src/audit-vulnerabilities/audit-vulnerabilities.tool';
import { checkDependencyUsage } from '../src/check-dependency-usage/check-dependency-usage.tool';
import { checkVersionCompat } from '../src/check-version-compat/check-version-compat.tool';
import { complexityMetrics } from '../src/complexity-metrics/complexity-metrics.tool';
import { findDeadCodeTool } from '../src/find-dead-code/find-dead-code.tool';
import { lintCode } from '../src/lint-code/lint-code.tool';
import { parseDependencies } from '../src/parse-dependencies/parse-dependencies.tool';
import { securityScan } from '../src/security-scan/security-scan.tool';
import { typeHintCoverage } from '../src/type-hint-coverage/type-hint-coverage.tool';
import { pyprojectOfLines, pythonFilesOfLines, pythonOfLines, requirementsOfLines } from './inputs';

/**
 * One case per python tool; `input(30)` is also what the gateway integration test sends.
 * python_audit_vulnerabilities queries OSV at OSV_API_URL: the bench runner and cases.spec.ts serve the
 * lib's advisory fixtures on loopback; with no OSV reachable the tool answers isError, by design.
 */
export default [
  { tool: lintCode, input: (lines: number) => ({ content: pythonOfLines(lines) }) },
  { tool: securityScan, input: (lines: number) => ({ content: pythonOfLines(lines) }) },
  { tool: complexityMetrics, input: (lines: number) => ({ content: pythonOfLines(lines) }) },
  { tool: findDeadCodeTool, input: (lines: number) => ({ files: pythonFilesOfLines(lines) }) },
  { tool: parseDependencies, input: (lines: number) => ({ content: requirementsOfLines(lines) }) },
  {
    tool: checkDependencyUsage,
    input: (lines: number) => ({ manifest: pyprojectOfLines(Math.min(60, Math.max(lines / 10, 14))), files: pythonFilesOfLines(lines) }),
  },
  { tool: auditVulnerabilities, input: (lines: number) => ({ content: requirementsOfLines(lines) }) },
  { tool: typeHintCoverage, input: (lines: number) => ({ content: pythonOfLines(lines) }) },
  { tool: checkVersionCompat, input: (lines: number) => ({ content: pythonOfLines(lines), target: '3.8' }) },
] satisfies BenchCase[];
