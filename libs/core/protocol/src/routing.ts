/**
 * A routing table entry: tool-name prefix -> category -> the gateway's service binding. The
 * table itself belongs to the gateway app (apps/gateway/src/routes.ts), so adding a category
 * changes the gateway and nothing shared: `nx affected` then names only the new worker, its
 * lib and the gateway.
 */
export interface CategoryRoute {
  category: string;
  prefix: string;
  binding: string;
}

export function routeForTool(name: string, routes: readonly CategoryRoute[]): CategoryRoute | undefined {
  return routes.find((r) => name.startsWith(r.prefix));
}
