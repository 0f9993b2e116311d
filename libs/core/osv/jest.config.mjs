export default {
  displayName: 'core-osv',
  preset: '../../../jest.preset.js',
};
