export default {
  displayName: 'tools-docker',
  preset: '../../../jest.preset.js',
};
