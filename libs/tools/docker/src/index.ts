import type { ToolDefinition } from '@mcp/core-protocol';
import { lintDockerfile } from './lint-dockerfile/lint-dockerfile.tool';

/** Every docker tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [lintDockerfile as unknown as ToolDefinition];
