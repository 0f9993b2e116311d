/** The app and lib files of a new category, in the layout the existing categories use. */
export interface CategoryNames {
  name: string;
  prefix: string;
  binding: string;
}

const LIB_ROOT = '../../../';
const APP_ROOT = '../../';

export function appFiles({ name }: CategoryNames): Record<string, string> {
  const app = `worker-${name}`;
  return {
    'project.json': JSON.stringify(
      {
        $schema: `${APP_ROOT}node_modules/nx/schemas/project-schema.json`,
        name: app,
        sourceRoot: `apps/${app}/src`,
        projectType: 'application',
        tags: ['type:app', `scope:${name}`],
        targets: {
          build: {
            executor: 'nx:run-commands',
            outputs: [`{workspaceRoot}/dist/apps/${app}`],
            options: {
              cwd: `apps/${app}`,
              commands: [`wrangler deploy --dry-run --outdir ../../dist/apps/${app} --env=""`, `node ../../tools/scripts/post-build.mjs ${app}`],
              parallel: false,
            },
          },
          deploy: { executor: 'nx:run-commands', dependsOn: ['build'], options: { cwd: `apps/${app}`, command: 'node ../../tools/scripts/release.mjs deploy', forwardAllArgs: true } },
          'versions-upload': { executor: 'nx:run-commands', dependsOn: ['build'], options: { cwd: `apps/${app}`, command: 'node ../../tools/scripts/release.mjs upload', forwardAllArgs: true } },
          rollout: { executor: 'nx:run-commands', options: { cwd: `apps/${app}`, command: 'node ../../tools/scripts/release.mjs rollout', forwardAllArgs: true } },
          rollback: { executor: 'nx:run-commands', options: { cwd: `apps/${app}`, command: 'node ../../tools/scripts/release.mjs rollback', forwardAllArgs: true } },
          types: {
            executor: 'nx:run-commands',
            cache: true,
            inputs: ['{projectRoot}/wrangler.jsonc'],
            outputs: ['{projectRoot}/worker-configuration.d.ts'],
            options: { cwd: `apps/${app}`, command: 'wrangler types --include-runtime false' },
          },
          test: { dependsOn: [{ projects: ['gateway', 'tailworker', app], target: 'build' }] },
        },
      },
      null,
      2,
    ) + '\n',
    'wrangler.jsonc': `{
  "$schema": "../../node_modules/wrangler/config-schema.json",
  // Internal category worker: no public URL, reachable only through the gateway's service
  // binding (JS RPC to the CategoryEntrypoint class).
  "name": "${app}",
  "main": "src/index.ts",
  "compatibility_date": "2026-04-26",
  "compatibility_flags": ["nodejs_compat"],
  "workers_dev": false,
  "preview_urls": false,
  "tail_consumers": [{ "service": "tailworker" }],
  "vars": { "LOG_LEVEL": "info" },
  "observability": { "enabled": true },
  "env": {
    "staging": {
      "name": "${app}-staging",
      "workers_dev": false,
      "tail_consumers": [{ "service": "tailworker-staging" }],
      "vars": { "LOG_LEVEL": "debug" }
    },
    "production": {
      "name": "${app}-production",
      "workers_dev": false,
      "tail_consumers": [{ "service": "tailworker-production" }],
      "vars": { "LOG_LEVEL": "info" }
    }
  }
}
`,
    'tsconfig.json': JSON.stringify(
      { extends: `${APP_ROOT}tsconfig.base.json`, compilerOptions: { types: ['@cloudflare/workers-types'] }, include: ['src/**/*.ts', 'worker-configuration.d.ts', `../../libs/tools/${name}/src/**/*.d.ts`], exclude: ['src/**/*.spec.ts'] },
      null,
      2,
    ) + '\n',
    'jest.config.mjs': `export default {\n  displayName: '${app}',\n  preset: '../../jest.preset.js',\n  // Integration specs boot real workerd processes: give them time, one file at a time.\n  testTimeout: 120000,\n  maxWorkers: 1,\n};\n`,
    'eslint.config.mjs': `import baseConfig from '../../eslint.config.mjs';\n\nexport default [...baseConfig];\n`,
    'src/index.ts': `import { createCategoryWorker } from '@mcp/core-protocol/worker';\nimport { tools } from '@mcp/tools-${name}';\n\n/** The ${name} category: its tools behind the RPC contract the gateway speaks. */\nexport const CategoryEntrypoint = createCategoryWorker({ category: '${name}', tools });\nexport default CategoryEntrypoint;\n`,
    'src/integration.spec.ts': `import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';\nimport cases from '@mcp/bench/tools-${name}';\n\ndescribeCategoryThroughGateway('${name}', cases);\n`,
  };
}

export function libFiles({ name, prefix }: CategoryNames): Record<string, string> {
  return {
    'project.json': JSON.stringify(
      { $schema: `${LIB_ROOT}node_modules/nx/schemas/project-schema.json`, name: `tools-${name}`, sourceRoot: `libs/tools/${name}/src`, projectType: 'library', tags: ['type:tools', `scope:${name}`] },
      null,
      2,
    ) + '\n',
    'tsconfig.json': JSON.stringify({ extends: `${LIB_ROOT}tsconfig.base.json`, compilerOptions: { types: ['jest', 'node'] }, include: ['src/**/*.ts', 'bench/**/*.ts'] }, null, 2) + '\n',
    'jest.config.mjs': `export default {\n  displayName: 'tools-${name}',\n  preset: '${LIB_ROOT}jest.preset.js',\n};\n`,
    'eslint.config.mjs': `import baseConfig from '${LIB_ROOT}eslint.config.mjs';\n\nexport default [...baseConfig];\n`,
    'src/index.ts': `import type { ToolDefinition } from '@mcp/core-protocol';\n\n/** Every ${name} tool, in the order tools/list shows them. */\nexport const tools: ToolDefinition[] = [];\n`,
    'README.md': `# tools-${name}\n\nThe \`${prefix}*\` tools, served by \`worker-${name}\`. Add a tool with\n\`npx nx g @mcp/workspace-plugin:tool ${name} <name>\`; test with \`npx nx test tools-${name}\`\nand through the gateway with \`npx nx test worker-${name}\`.\n`,
  };
}
