const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  globalSetup: '@platform/testing/jest-global-setup',
  globalTeardown: '@platform/testing/jest-global-teardown',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
});
