export default {
  displayName: 'tools-python',
  preset: '../../../jest.preset.js',
  // Specs start python3, the Debian anchors or a loopback OSV; loaded CI machines are slow.
  testTimeout: 60000,
};
