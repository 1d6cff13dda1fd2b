const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  // src/testing is run by the services' tests: inventory's real handlers and orders' stand-in.
  collectCoverageFrom: ['<rootDir>/src/**/*.ts', '!<rootDir>/src/testing/**'],
  coverageThreshold: { global: { lines: 90 } },
});
