const { projectJestConfig } = require('../../jest.preset');

// The template and its script are checked by running them: cfn-lint, the policy checker and a
// deploy to the AWS API emulator. There is no TypeScript source to cover.
module.exports = projectJestConfig(__dirname, { collectCoverageFrom: [] });
