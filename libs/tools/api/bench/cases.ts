import type { BenchCase } from '@mcp/core-protocol/testing';
import { diffGraphqlTool } from '../src/diff-graphql/diff-graphql.tool';
import { diffOpenApiTool } from '../src/diff-openapi/diff-openapi.tool';
import { lintGraphqlTool } from '../src/lint-graphql/lint-graphql.tool';
import { lintOpenApiTool } from '../src/lint-openapi/lint-openapi.tool';
import { securityAuditTool } from '../src/security-audit/security-audit.tool';
import { openApiOfLines, queriesOfLines, sdlOfLines } from './inputs';

/** One case per api tool; `input(30)` is also what the gateway integration test sends. */
export default [
  { tool: lintOpenApiTool, input: (lines: number) => ({ content: openApiOfLines(lines) }) },
  { tool: diffOpenApiTool, input: (lines: number) => ({ before: openApiOfLines(lines / 2, 1), after: openApiOfLines(lines / 2, 2) }) },
  { tool: securityAuditTool, input: (lines: number) => ({ content: openApiOfLines(lines) }) },
  {
    tool: lintGraphqlTool,
    input: (lines: number) => {
      const schema = sdlOfLines(lines * 0.6);
      return { schema, queries: queriesOfLines(schema, lines * 0.4) };
    },
  },
  { tool: diffGraphqlTool, input: (lines: number) => ({ before: sdlOfLines(lines / 2, 1), after: sdlOfLines(lines / 2, 2) }) },
] satisfies BenchCase[];
