import type { ToolDefinition } from '@mcp/core-protocol';

/** Every nodejs tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [];
