import type { ToolDefinition } from '@mcp/core-protocol';

/** Every api tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [];
