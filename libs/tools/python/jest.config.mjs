export default {
  displayName: 'tools-python',
  preset: '../../../jest.preset.js',
};
