export default {
  displayName: 'tools-quality',
  preset: '../../../jest.preset.js',
};
