export default {
  displayName: 'core-js',
  preset: '../../../jest.preset.js',
};
