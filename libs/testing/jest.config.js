const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  globalSetup: '<rootDir>/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/src/jest/global-teardown.ts',
  coverageThreshold: { global: { lines: 90 } },
});
