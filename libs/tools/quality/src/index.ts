import type { ToolDefinition } from '@mcp/core-protocol';

/** Every quality tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [];
