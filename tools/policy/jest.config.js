const { projectJestConfig } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  coverageThreshold: { global: { lines: 90 } },
});
