export default {
  displayName: 'core-protocol',
  preset: '../../../jest.preset.js',
};
