import { formatFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { addRoute, readRoutes } from '../routes';
import { toolGenerator } from '../tool/generator';
import { appFiles, libFiles, type CategoryNames } from './files';

export interface CategoryWorkerSchema {
  name: string;
  prefix: string;
  owner?: string;
}

const GATEWAY_WRANGLER = 'apps/gateway/wrangler.jsonc';

/**
 * A new category end to end: worker app, tools lib with an example tool, the gateway's
 * service binding (every env) and route, and CODEOWNERS. Everything the
 * gateway, the local cluster and the lint rules need is derived from these, so the new
 * example tool is callable through `npm start` with no hand edits.
 */
export async function categoryWorkerGenerator(tree: Tree, options: CategoryWorkerSchema): Promise<void> {
  const names = normalize(options);
  refuseCollisions(tree, names);

  writeAll(tree, `apps/worker-${names.name}`, appFiles(names));
  writeAll(tree, `libs/tools/${names.name}`, libFiles(names));

  // No edit to tsconfig.base.json: its wildcard aliases (@mcp/tools-*, @mcp/bench/tools-*)
  // already cover the new lib, and an edit there would make every project affected.
  addRoute(tree, { category: names.name, prefix: names.prefix, binding: names.binding });
  addServiceBinding(tree, names);
  addOwners(tree, names, options.owner ?? `@mcp-workers/${names.name}`);

  await toolGenerator(tree, { category: names.name, name: 'find_warning_comments' });
  await formatFiles(tree);
}

function normalize({ name, prefix }: CategoryWorkerSchema): CategoryNames {
  const p = prefix.endsWith('_') ? prefix : `${prefix}_`;
  return { name, prefix: p, binding: `${name.toUpperCase()}_MCP_WORKER` };
}

/** Two categories may not share a name, a binding, or prefixes where one starts the other. */
function refuseCollisions(tree: Tree, { name, prefix, binding }: CategoryNames): void {
  if (tree.exists(`apps/worker-${name}`) || tree.exists(`libs/tools/${name}`)) {
    throw new Error(`A category named "${name}" already exists (apps/worker-${name} or libs/tools/${name}). Choose another name.`);
  }
  for (const route of readRoutes(tree)) {
    if (route.category === name || route.binding === binding) {
      throw new Error(`A category named "${name}" is already routed in apps/gateway/src/routes.ts. Choose another name.`);
    }
    if (route.prefix.startsWith(prefix) || prefix.startsWith(route.prefix)) {
      throw new Error(`The prefix "${prefix}" collides with "${route.prefix}" of the ${route.category} category: tool names would be ambiguous. Choose another prefix.`);
    }
  }
}

function writeAll(tree: Tree, root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) tree.write(joinPathFragments(root, path), content);
}

/** Adds the binding to every `services` list of the gateway's config, with that env's suffix. */
function addServiceBinding(tree: Tree, { name, binding }: CategoryNames): void {
  const text = tree.read(GATEWAY_WRANGLER, 'utf8');
  if (!text) throw new Error(`${GATEWAY_WRANGLER} is missing`);
  const updated = text.replace(/("services":\s*\[\n)(\s*)\{[^\n]*"service":\s*"worker-[a-z0-9]+(-[a-z]+)?"/g, (match, open: string, indent: string, suffix = '') => {
    const entry = `${indent}{ "binding": "${binding}", "service": "worker-${name}${suffix}", "entrypoint": "CategoryEntrypoint" },\n`;
    return `${open}${entry}${match.slice(open.length)}`;
  });
  if (updated === text) throw new Error(`Could not find the services lists in ${GATEWAY_WRANGLER}`);
  tree.write(GATEWAY_WRANGLER, updated);
}

function addOwners(tree: Tree, { name }: CategoryNames, owner: string): void {
  const file = '.github/CODEOWNERS';
  const text = tree.read(file, 'utf8') ?? '';
  const lines = [`/apps/worker-${name}/`.padEnd(29) + owner, `/libs/tools/${name}/`.padEnd(29) + owner];
  tree.write(file, `${text.replace(/\n?$/, '\n')}${lines.join('\n')}\n`);
}

export default categoryWorkerGenerator;
