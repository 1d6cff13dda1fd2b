const { join } = require('node:path');
const { projectJestConfig } = require('../../jest.preset');

// The suite's own code, tested without a stack (`nx run e2e:test`, so part of make test). The
// suite itself (tests/) runs against a stack: make e2e, make canary.
const base = projectJestConfig(__dirname, {
  testMatch: ['<rootDir>/unit/**/*.test.ts'],
  collectCoverageFrom: [
    '<rootDir>/src/canary.ts',
    '<rootDir>/src/api-client.ts',
    '<rootDir>/src/e2e-config.ts',
    '<rootDir>/src/faults/dynamodb-fault-proxy.ts',
    '<rootDir>/src/openapi-contract.ts',
  ],
  coverageDirectory: join(__dirname, '../../coverage/tools/e2e-unit'),
});
module.exports = {
  ...base,
  reporters: base.reporters.map((reporter) =>
    Array.isArray(reporter) && reporter[0] === 'jest-junit'
      ? ['jest-junit', { ...reporter[1], outputName: 'e2e-unit.xml', suiteName: 'e2e-unit' }]
      : reporter,
  ),
};
