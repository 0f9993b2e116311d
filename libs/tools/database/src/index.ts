import type { ToolDefinition } from '@mcp/core-protocol';
import { reviewSchemaTool } from './review-schema/review-schema.tool';
import { generateErdTool } from './generate-erd/generate-erd.tool';
import { diffSchemasTool } from './diff-schemas/diff-schemas.tool';
import { lintMigrationTool } from './lint-migration/lint-migration.tool';

/** Every database tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [lintMigrationTool, reviewSchemaTool, diffSchemasTool, generateErdTool] as unknown as ToolDefinition[];
