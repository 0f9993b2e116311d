import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeDependenciesTool } from './analyze-dependencies/analyze-dependencies.tool';

/** Every architecture tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [analyzeDependenciesTool] as unknown as ToolDefinition[];
