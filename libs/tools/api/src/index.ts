import type { ToolDefinition } from '@mcp/core-protocol';
import { diffGraphqlTool } from './diff-graphql/diff-graphql.tool';
import { diffOpenApiTool } from './diff-openapi/diff-openapi.tool';
import { lintGraphqlTool } from './lint-graphql/lint-graphql.tool';
import { lintOpenApiTool } from './lint-openapi/lint-openapi.tool';
import { securityAuditTool } from './security-audit/security-audit.tool';

/** Every api tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [
  lintOpenApiTool,
  diffOpenApiTool,
  securityAuditTool,
  lintGraphqlTool,
  diffGraphqlTool,
] as unknown as ToolDefinition[];
