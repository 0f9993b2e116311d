export default {
  displayName: 'worker-architecture',
  preset: '../../jest.preset.js',
  // Integration specs boot real workerd processes: give them time, one file at a time.
  testTimeout: 120000,
  maxWorkers: 1,
};
