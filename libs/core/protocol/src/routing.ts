/**
 * The routing table: tool-name prefix -> category -> the gateway's service binding. The
 * gateway never imports tool code; adding a tool to a category changes nothing here.
 */
export interface CategoryRoute {
  category: string;
  prefix: string;
  binding: string;
}

export const CATEGORY_ROUTES: readonly CategoryRoute[] = [
  { category: 'nodejs', prefix: 'node_', binding: 'NODEJS_MCP_WORKER' },
  { category: 'python', prefix: 'python_', binding: 'PYTHON_MCP_WORKER' },
  { category: 'docker', prefix: 'docker_', binding: 'DOCKER_MCP_WORKER' },
  { category: 'quality', prefix: 'quality_', binding: 'QUALITY_MCP_WORKER' },
  { category: 'webdesign', prefix: 'web_', binding: 'WEBDESIGN_MCP_WORKER' },
  { category: 'database', prefix: 'db_', binding: 'DATABASE_MCP_WORKER' },
  { category: 'api', prefix: 'api_', binding: 'API_MCP_WORKER' },
  { category: 'architecture', prefix: 'arch_', binding: 'ARCHITECTURE_MCP_WORKER' },
];

export function routeForTool(name: string, routes: readonly CategoryRoute[] = CATEGORY_ROUTES): CategoryRoute | undefined {
  return routes.find((r) => name.startsWith(r.prefix));
}
