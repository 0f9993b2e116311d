import type { ToolDefinition } from '@mcp/core-protocol';
import { reviewSchemaTool } from './review-schema/review-schema.tool';
import { generateErdTool } from './generate-erd/generate-erd.tool';
import { diffSchemasTool } from './diff-schemas/diff-schemas.tool';
import { lintMigrationTool } from './lint-migration/lint-migration.tool';
import { lintSqlTool } from './lint-sql/lint-sql.tool';
import { suggestIndexesTool } from './suggest-indexes/suggest-indexes.tool';
import { analyzeExplainPlanTool } from './analyze-explain-plan/analyze-explain-plan.tool';
import { detectQueryAntipatternsTool } from './detect-query-antipatterns/detect-query-antipatterns.tool';

/** Every database tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [lintSqlTool, detectQueryAntipatternsTool, analyzeExplainPlanTool, lintMigrationTool, reviewSchemaTool, diffSchemasTool, generateErdTool, suggestIndexesTool] as unknown as ToolDefinition[];
