const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  // The full-stack tests start DynamoDB Local and serverless-offline per service: one test file at
  // a time, or two stacks fight over two cores.
  maxWorkers: 1,
  // src/cli/* are thin entry points (arguments, printing); tests/cli.test.ts and the full-stack
  // tests run them as child processes, which coverage does not see.
  collectCoverageFrom: ['<rootDir>/src/**/*.ts', '!<rootDir>/src/cli/**', '!<rootDir>/src/index.ts'],
  coverageThreshold: { global: { lines: 90 } },
  // A stack a failed test could not stop must not keep the run alive: jest exits when the tests
  // end, and each stack's reaper (fed through its stdin) stops it when its parent goes away.
  forceExit: true,
});
