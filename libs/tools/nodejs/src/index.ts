import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeLockfileTool } from './analyze-lockfile/analyze-lockfile.tool';
import { checkVulnerabilitiesTool } from './check-vulnerabilities/check-vulnerabilities.tool';

/** Every nodejs tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [analyzeLockfileTool, checkVulnerabilitiesTool] as ToolDefinition[];
