import type { ToolDefinition } from '@mcp/core-protocol';

/** Every webdesign tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [];
