// @ts-check
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (docs/architecture.md §3):
 *  - type:app  -> type:lib only (a service never imports another service; it calls it)
 *  - type:lib  -> type:lib only
 *  - type:tool -> type:lib, type:tool
 *  - platform code (scope:platform) never depends on a service's scope.
 * No constraint names type:app as an allowed target, so nothing may depend on an app.
 */
export const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.venv/**',
      '**/dist/**',
      '**/coverage/**',
      '**/reports/**',
      '**/evidence/**',
      '**/.serverless/**',
      '**/.esbuild/**',
      '**/.esbuild-local/**',
      '**/.nx/**',
      '**/tests/fixtures/**',
      '**/tmp/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // What runs in Lambda validates with zod/mini: the full zod build adds about 440 KB to every
    // function bundle and its load time (ADR-010). Tests and tools may use either.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['libs/testing/**', 'libs/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message: "Import * as z from 'zod/mini' in runtime code (ADR-010: bundle size and cold start).",
            },
            {
              name: 'zod/v4',
              message: "Import * as z from 'zod/mini' in runtime code (ADR-010: bundle size and cold start).",
            },
          ],
        },
      ],
    },
  },
  {
    // Command-line entry points, benchmarks and tests may write to the console.
    files: [
      'tools/**/*.ts',
      'tools/**/*.mjs',
      '**/bench/**',
      '**/tests/**',
      '**/*.test.ts',
      '**/*.cjs',
      '**/*.js',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Per-project jest configs extend the workspace preset by path.
    files: ['**/jest.config.js', '**/jest.*.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
);
