const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  globalSetup: '@platform/testing/jest-global-setup',
  globalTeardown: '@platform/testing/jest-global-teardown',
  coverageThreshold: { global: { lines: 90 } },
});
