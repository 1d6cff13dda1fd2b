const { projectJestConfig } = require('../../jest.preset');

// docs/api.md's flows against BASE_URL (default http://127.0.0.1:3000): the local gateway, or a deployed
// stage for the canary. Not part of `make test`: src/run-local.ts starts the stack and runs this.
module.exports = projectJestConfig(__dirname, {
  testTimeout: 120_000,
  // Each file works in its own tenants; two at a time keep a local stack on two cores responsive.
  maxWorkers: 2,
});
