export default {
  displayName: 'core-logger',
  preset: '../../../jest.preset.js',
};
