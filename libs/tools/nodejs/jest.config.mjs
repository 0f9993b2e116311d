export default {
  displayName: 'tools-nodejs',
  preset: '../../../jest.preset.js',
};
