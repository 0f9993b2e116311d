export default {
  displayName: 'tools-webdesign',
  preset: '../../../jest.preset.js',
};
