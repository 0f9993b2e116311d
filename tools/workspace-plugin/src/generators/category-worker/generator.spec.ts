import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { categoryWorkerGenerator } from './generator';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const real = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** A virtual workspace holding the real gateway files the generator edits. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of ['apps/gateway/src/routes.ts', 'apps/gateway/wrangler.jsonc', '.github/CODEOWNERS']) tree.write(path, real(path));
  tree.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: {} } }));
  return tree;
}

describe('category-worker generator', () => {
  it('writes the worker app, the tools lib with an example tool, and wires the gateway', async () => {
    const tree = workspace();
    await categoryWorkerGenerator(tree, { name: 'security', prefix: 'sec' });

    const wrangler = tree.read('apps/worker-security/wrangler.jsonc', 'utf8')!;
    expect(wrangler).toContain('"$schema"');
    expect(wrangler).toContain('"workers_dev": false');
    expect(wrangler).toContain('"tail_consumers": [{ "service": "tailworker" }]');
    expect(wrangler).toMatch(/"staging"[\s\S]*"production"/);
    expect(readJson(tree, 'apps/worker-security/project.json').tags).toEqual(['type:app', 'scope:security']);
    expect(readJson(tree, 'libs/tools/security/project.json').tags).toEqual(['type:tools', 'scope:security']);

    const index = tree.read('libs/tools/security/src/index.ts', 'utf8')!;
    expect(index).toContain("import { findWarningComments } from './find-warning-comments/find-warning-comments.tool';");
    expect(index).toMatch(/tools: ToolDefinition\[\] = \[\s*findWarningComments,\s*\]/);
    expect(tree.exists('libs/tools/security/src/find-warning-comments/find-warning-comments.spec.ts')).toBe(true);
    expect(tree.exists('libs/tools/security/src/find-warning-comments/fixtures/with-markers.ts')).toBe(true);
    expect(tree.read('libs/tools/security/src/find-warning-comments/find-warning-comments.tool.ts', 'utf8')).toContain("name: 'sec_find_warning_comments'");
    expect(tree.read('libs/tools/security/bench/cases.ts', 'utf8')).toContain('{ tool: findWarningComments');

    expect(tree.read('apps/gateway/src/routes.ts', 'utf8')).toContain("{ category: 'security', prefix: 'sec_', binding: 'SECURITY_MCP_WORKER' },");
    const gateway = tree.read('apps/gateway/wrangler.jsonc', 'utf8')!;
    for (const service of ['worker-security', 'worker-security-staging', 'worker-security-production']) {
      expect(gateway).toContain(`{ "binding": "SECURITY_MCP_WORKER", "service": "${service}", "entrypoint": "CategoryEntrypoint" }`);
    }
    expect(tree.read('tsconfig.base.json', 'utf8')).not.toContain('security');
    expect(tree.read('.github/CODEOWNERS', 'utf8')).toMatch(/\/apps\/worker-security\/\s+@mcp-workers\/security\n\/libs\/tools\/security\/\s+@mcp-workers\/security\n$/);
  });

  it('refuses a name or prefix that collides with an existing category', async () => {
    await expect(categoryWorkerGenerator(workspace(), { name: 'docker', prefix: 'dk_' })).rejects.toThrow(/category named "docker" is already routed/);
    await expect(categoryWorkerGenerator(workspace(), { name: 'web2', prefix: 'web_' })).rejects.toThrow(/prefix "web_" collides with "web_" of the webdesign category/);
    await expect(categoryWorkerGenerator(workspace(), { name: 'nodeextra', prefix: 'node_x' })).rejects.toThrow(/collides with "node_"/);
    const tree = workspace();
    tree.write('libs/tools/security/src/index.ts', '');
    await expect(categoryWorkerGenerator(tree, { name: 'security', prefix: 'sec_' })).rejects.toThrow(/already exists/);
  });
});
