import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeCpuProfileTool } from './analyze-cpu-profile/analyze-cpu-profile.tool';
import { analyzeLockfileTool } from './analyze-lockfile/analyze-lockfile.tool';
import { auditPackageJsonTool } from './audit-package-json/audit-package-json.tool';
import { checkVulnerabilitiesTool } from './check-vulnerabilities/check-vulnerabilities.tool';
import { detectCircularImportsTool } from './detect-circular-imports/detect-circular-imports.tool';
import { lintPackageExportsTool } from './lint-package-exports/lint-package-exports.tool';
import { detectBlockingCodeTool } from './detect-blocking-code/detect-blocking-code.tool';
import { findUnusedDependenciesTool } from './find-unused-dependencies/find-unused-dependencies.tool';

/** Every nodejs tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [auditPackageJsonTool, analyzeLockfileTool, checkVulnerabilitiesTool, findUnusedDependenciesTool, detectCircularImportsTool, lintPackageExportsTool, analyzeCpuProfileTool, detectBlockingCodeTool] as ToolDefinition[];
