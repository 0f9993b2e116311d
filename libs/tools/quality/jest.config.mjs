import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const preset = require('../../../jest.preset.js');

export default {
  displayName: 'tools-quality',
  preset: '../../../jest.preset.js',
  // Tool specs need only runTool; the testing barrel also loads the miniflare cluster, whose
  // imports are in flux. Point the barrel at a spec-only shim that re-exports run-tool.
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    [Object.keys(preset.moduleNameMapper).find((k) => k.includes('testing'))]: '<rootDir>/src/shared/testing-shim.ts',
  },
};
