const path = require('node:path');
const { projectJestConfig, workspaceRoot } = require('../../jest.preset');

module.exports = projectJestConfig(__dirname, {
  // tests/generated-openapi.test.ts loads generated services from the OS temp folder: their
  // imports (@platform/*, zod) resolve from the workspace's node_modules.
  modulePaths: [path.join(workspaceRoot, 'node_modules')],
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  // The implementation is CommonJS with JSDoc types (Nx loads it without a TypeScript loader);
  // src/service/files/ holds templates (`*__tmpl__`), which no pattern here matches.
  collectCoverageFrom: ['<rootDir>/src/**/*.js'],
  coverageThreshold: { global: { lines: 90 } },
});
