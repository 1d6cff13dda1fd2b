const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  testMatch: ['<rootDir>/tests/**/*.test.js'],
  collectCoverageFrom: ['<rootDir>/src/**/*.js'],
  coverageThreshold: { global: { lines: 90 } },
});
