import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeLockfileTool } from './analyze-lockfile/analyze-lockfile.tool';

/** Every nodejs tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [analyzeLockfileTool] as ToolDefinition[];
