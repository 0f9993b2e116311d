export default {
  displayName: 'tools-database',
  preset: '../../../jest.preset.js',
};
