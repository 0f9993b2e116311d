export default {
  displayName: 'workspace-plugin',
  preset: '../../jest.preset.js',
  // Specs here run the Nx CLI on the real workspace, which takes seconds per call.
  testTimeout: 120000,
};
