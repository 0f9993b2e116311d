// Shared Jest settings for every project. Specs run as native ES modules
// (NODE_OPTIONS=--experimental-vm-modules is set by the inferred test target in nx.json)
// because the MCP SDK, parsers and clients we test against ship ESM-only builds.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

// One source of truth for import aliases: tsconfig.base.json's `paths`.
const moduleNameMapper = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  // Workers bundle pino's browser build; specs load the same one so log lines match.
  '^pino$': require.resolve('pino/browser.js'),
};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  // `@mcp/tools-*` -> `^@mcp/tools-(.*)$` -> `.../libs/tools/$1/src/index.ts`
  const pattern = alias.replace(/[/.-]/g, '\\$&').replace('*', '(.*)');
  moduleNameMapper[`^${pattern}$`] = path.join(__dirname, target).replace('*', '$1');
}

module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: path.join(__dirname, 'tsconfig.spec.base.json'),
        diagnostics: false,
      },
    ],
  },
};
