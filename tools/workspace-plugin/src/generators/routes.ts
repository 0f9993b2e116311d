import type { Tree } from '@nx/devkit';

export const ROUTES_FILE = 'apps/gateway/src/routes.ts';

export interface Route {
  category: string;
  prefix: string;
  binding: string;
}

/** The gateway's routing table, read from its source (one object literal per line). */
export function readRoutes(tree: Tree): Route[] {
  const text = tree.read(ROUTES_FILE, 'utf8') ?? '';
  return [...text.matchAll(/\{\s*category:\s*'([^']+)',\s*prefix:\s*'([^']+)',\s*binding:\s*'([^']+)'\s*\}/g)].map((m) => ({
    category: m[1],
    prefix: m[2],
    binding: m[3],
  }));
}

export function addRoute(tree: Tree, route: Route): void {
  const text = tree.read(ROUTES_FILE, 'utf8');
  if (!text) throw new Error(`${ROUTES_FILE} is missing`);
  const line = `  { category: '${route.category}', prefix: '${route.prefix}', binding: '${route.binding}' },`;
  tree.write(ROUTES_FILE, text.replace(/\n\];/, `\n${line}\n];`));
}
