export default {
  displayName: 'tools-architecture',
  preset: '../../../jest.preset.js',
};
