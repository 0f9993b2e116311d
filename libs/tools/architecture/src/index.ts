import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeDependenciesTool } from './analyze-dependencies/analyze-dependencies.tool';
import { planMigrationTool } from './plan-migration/plan-migration.tool';

/** Every architecture tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [analyzeDependenciesTool, planMigrationTool] as unknown as ToolDefinition[];
