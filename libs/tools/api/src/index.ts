import type { ToolDefinition } from '@mcp/core-protocol';
import { lintOpenApiTool } from './lint-openapi/lint-openapi.tool';
import { securityAuditTool } from './security-audit/security-audit.tool';

/** Every api tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [lintOpenApiTool, securityAuditTool] as unknown as ToolDefinition[];
