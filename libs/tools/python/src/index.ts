import type { ToolDefinition } from '@mcp/core-protocol';
import { auditVulnerabilities } from './audit-vulnerabilities/audit-vulnerabilities.tool';
import { checkDependencyUsage } from './check-dependency-usage/check-dependency-usage.tool';
import { checkVersionCompat } from './check-version-compat/check-version-compat.tool';
import { complexityMetrics } from './complexity-metrics/complexity-metrics.tool';
import { findDeadCodeTool } from './find-dead-code/find-dead-code.tool';
import { lintCode } from './lint-code/lint-code.tool';
import { parseDependencies } from './parse-dependencies/parse-dependencies.tool';
import { securityScan } from './security-scan/security-scan.tool';
import { typeHintCoverage } from './type-hint-coverage/type-hint-coverage.tool';

/** Every python tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [
  lintCode,
  securityScan,
  complexityMetrics,
  findDeadCodeTool,
  parseDependencies,
  checkDependencyUsage,
  auditVulnerabilities,
  typeHintCoverage,
  checkVersionCompat,
] as unknown as ToolDefinition[];
