import type { ToolDefinition } from '@mcp/core-protocol';
import { reviewSchemaTool } from './review-schema/review-schema.tool';

/** Every database tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [reviewSchemaTool as unknown as ToolDefinition];
