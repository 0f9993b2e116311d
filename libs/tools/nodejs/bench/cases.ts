import type { BenchCase } from '@mcp/core-protocol/testing';
import { analyzeCpuProfileTool } from '../src/analyze-cpu-profile/analyze-cpu-profile.tool';
import { analyzeLockfileTool } from '../src/analyze-lockfile/analyze-lockfile.tool';
import { auditPackageJsonTool } from '../src/audit-package-json/audit-package-json.tool';
import { checkVulnerabilitiesTool } from '../src/check-vulnerabilities/check-vulnerabilities.tool';
import { detectBlockingCodeTool } from '../src/detect-blocking-code/detect-blocking-code.tool';
import { detectCircularImportsTool } from '../src/detect-circular-imports/detect-circular-imports.tool';
import { findUnusedDependenciesTool } from '../src/find-unused-dependencies/find-unused-dependencies.tool';
import { lintPackageExportsTool } from '../src/lint-package-exports/lint-package-exports.tool';
import { blockingSourceOfLines, cpuProfileOfLines, packageJsonOfLines, packageLockOfLines, packageWithExportsOfLines, projectOfLines } from './inputs';

/**
 * One case per nodejs tool; `input(30)` is also what the gateway integration test sends.
 * node_check_vulnerabilities queries OSV at OSV_API_URL: the bench runner and cases.spec.ts serve the
 * lib's advisory fixtures on loopback; with no OSV reachable the tool answers isError, by design.
 */
export default [
  { tool: auditPackageJsonTool, input: (lines: number) => ({ content: packageJsonOfLines(lines) }) },
  { tool: analyzeLockfileTool, input: (lines: number) => ({ content: packageLockOfLines(lines) }) },
  { tool: checkVulnerabilitiesTool, input: (lines: number) => ({ content: packageLockOfLines(lines) }) },
  {
    tool: findUnusedDependenciesTool,
    input: (lines: number) => ({ manifest: packageJsonOfLines(Math.min(60, lines), false), files: projectOfLines(lines) }),
  },
  { tool: detectCircularImportsTool, input: (lines: number) => ({ files: projectOfLines(lines) }) },
  { tool: lintPackageExportsTool, input: (lines: number) => packageWithExportsOfLines(lines) },
  { tool: analyzeCpuProfileTool, input: (lines: number) => ({ content: cpuProfileOfLines(lines) }) },
  { tool: detectBlockingCodeTool, input: (lines: number) => ({ content: blockingSourceOfLines(lines) }) },
] satisfies BenchCase[];
