export default {
  displayName: 'core-response',
  preset: '../../../jest.preset.js',
};
