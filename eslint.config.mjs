import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readdirSync } from 'node:fs';

// One scope per category lib, discovered so that a generated category is constrained too.
const categories = readdirSync(new URL('./libs/tools', import.meta.url));

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.wrangler', '**/.nx', '**/fixtures/**', '**/worker-configuration.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS here is Node scripts and configs (tools/scripts, jest configs, differential runners).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.worker } },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // Two tag dimensions that really restrict (DESIGN.md convention 4): the default `*`
      // constraint would allow everything, so every tag names what it may depend on.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:tools', 'type:core'] },
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tail', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...categories.map((c) => ({ sourceTag: `scope:${c}`, onlyDependOnLibsWithTags: [`scope:${c}`, 'scope:shared'] })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/testing.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
