const { projectJestConfig } = require('../../jest.preset');

// The fault-injection suite (faults/): it starts DynamoDB Local, the DynamoDB fault proxy and a local
// stack itself (src/faults/fault-harness.ts), so it needs no running stack. `make faults` runs it.
const base = projectJestConfig(__dirname, {
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  testTimeout: 120_000,
  // One stack for the file, and the faults must not overlap: one test at a time.
  maxWorkers: 1,
});
module.exports = {
  ...base,
  reporters: base.reporters.map((reporter) =>
    Array.isArray(reporter) && reporter[0] === 'jest-junit'
      ? ['jest-junit', { ...reporter[1], outputName: 'e2e-faults.xml', suiteName: 'e2e-faults' }]
      : reporter,
  ),
};
