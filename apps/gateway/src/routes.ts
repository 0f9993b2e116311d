import type { CategoryRoute } from '@mcp/core-protocol';

/**
 * The routing table: tool-name prefix -> category -> service binding (wrangler.jsonc
 * `services`). `nx g @mcp/workspace-plugin:category-worker` adds a line here.
 */
export const ROUTES: CategoryRoute[] = [
  { category: 'nodejs', prefix: 'node_', binding: 'NODEJS_MCP_WORKER' },
  { category: 'python', prefix: 'python_', binding: 'PYTHON_MCP_WORKER' },
  { category: 'docker', prefix: 'docker_', binding: 'DOCKER_MCP_WORKER' },
  { category: 'quality', prefix: 'quality_', binding: 'QUALITY_MCP_WORKER' },
  { category: 'webdesign', prefix: 'web_', binding: 'WEBDESIGN_MCP_WORKER' },
  { category: 'database', prefix: 'db_', binding: 'DATABASE_MCP_WORKER' },
  { category: 'api', prefix: 'api_', binding: 'API_MCP_WORKER' },
  { category: 'architecture', prefix: 'arch_', binding: 'ARCHITECTURE_MCP_WORKER' },
];
