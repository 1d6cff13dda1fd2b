// Shared jest configuration for every project. A project's jest.config.js calls
// `projectJestConfig(__dirname, overrides)`.
const path = require('node:path');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const workspaceRoot = __dirname;

/** Packages published only as ES modules: jest loads CommonJS, so swc transforms them (nested copies too). */
const esmOnlyPackages = ['@middy', 'jose', '@apidevtools/json-schema-ref-parser'];

/**
 * @param {string} projectDir absolute path of the project (its __dirname)
 * @param {import('jest').Config} [overrides]
 * @returns {import('jest').Config}
 */
function projectJestConfig(projectDir, overrides = {}) {
  const projectRoot = path.relative(workspaceRoot, projectDir);
  const name = require(path.join(projectDir, 'project.json')).name;
  return {
    displayName: name,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
    transform: {
      '^.+\\.(t|j|mj|cj)s$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(?:[^/]+/node_modules/)*(?:${esmOnlyPackages.join('|')})/)`],
    // @middy/* export only an `import` condition, which jest's CommonJS resolver does not match.
    moduleNameMapper: { '^@middy/(core|util)$': path.join(workspaceRoot, 'node_modules/@middy/$1/index.js') },
    collectCoverageFrom: [
      '<rootDir>/src/**/*.ts',
      '!<rootDir>/src/**/*.test.ts',
      '!<rootDir>/src/**/bench/**',
    ],
    coverageDirectory: path.join(workspaceRoot, 'coverage', projectRoot),
    coverageReporters: ['text-summary', 'lcov', 'json-summary', 'json', 'cobertura'],
    reporters: [
      'default',
      [
        'jest-junit',
        {
          outputDirectory: path.join(workspaceRoot, 'reports', 'junit'),
          outputName: `${name}.xml`,
          suiteName: name,
          addFileAttribute: 'true',
          classNameTemplate: '{classname}',
          titleTemplate: '{title}',
        },
      ],
    ],
    testTimeout: 30_000,
    ...overrides,
  };
}

module.exports = { projectJestConfig, workspaceRoot };
