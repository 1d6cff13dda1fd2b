const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  // src/cli/* are thin entry points (argument parsing, printing); tests/cli.test.ts runs them.
  collectCoverageFrom: ['<rootDir>/src/**/*.ts', '!<rootDir>/src/cli/**', '!<rootDir>/src/index.ts'],
  coverageThreshold: { global: { lines: 90 } },
});
