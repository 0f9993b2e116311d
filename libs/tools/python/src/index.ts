import type { ToolDefinition } from '@mcp/core-protocol';

/** Every python tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [];
