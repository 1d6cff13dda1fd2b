'use strict';

const path = require('node:path');
const { formatFiles, generateFiles, logger, OverwriteStrategy } = require('@nx/devkit');
const { normalizeOptions } = require('./options');

/** The templates: paths mirror the workspace (`apps/__name__/…`, `docs/runbooks/__name__.md`). */
const TEMPLATES = path.join(__dirname, 'files');

/**
 * What to do after generating a service, printed once the files are written.
 *
 * @param {import('./options').ServiceOptions} options
 * @returns {string[]}
 */
function nextSteps(options) {
  const { name, projectRoot } = options;
  return [
    `Service ${name} created in ${projectRoot} (owner ${options.owner}, cost centre ${options.costCenter}).`,
    'Next steps:',
    `  1. npm install   (links @services/${name} and records it in package-lock.json, which npm ci needs)`,
    `  2. npx nx run-many -t lint typecheck test -p ${name}`,
    // make sets the region the pipeline packages in (AWS_REGION in the Makefile), as CI does; the
    // stage values come from the file CI validates with.
    `  3. make build STAGE=prod SERVICES=${name} STAGE_CONFIG_FILE=$PWD/.ci/stages.env && make check-packages`,
    `  4. make dev SERVICES=${name}   (then curl http://127.0.0.1:3000/${name}/health)`,
    '  5. replace the example "items" resource with your own: src/api, src/domain, src/store,',
    '     src/handlers, the functions in serverless.yml and the tests; then rewrite the contract:',
    `     UPDATE_OPENAPI=1 npx jest -c ${projectRoot}/jest.config.js tests/openapi.test.ts`,
    `  6. fill in docs/runbooks/${name}.md`,
  ];
}

/**
 * `nx g @platform/tools:service <name>`: a new service in `apps/<name>` shaped like apps/catalog —
 * serverless.yml on the shared defaults, a health route and one example resource
 * (`PUT`/`GET /<name>/items/{id}`, scopes `<name>:write`/`<name>:read`, tenant-scoped, versioned),
 * integration tests against DynamoDB Local, its openapi.yaml, README and a runbook.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {import('./options').ServiceGeneratorSchema} schema
 * @returns {Promise<import('@nx/devkit').GeneratorCallback>} prints the next steps (run by Nx
 *   after the files are written; not on `--dry-run`)
 *
 * @example
 * await serviceGenerator(tree, { name: 'payments', costCenter: 'cc-2001' });
 */
async function serviceGenerator(tree, schema) {
  const options = normalizeOptions(tree, schema);
  generateFiles(
    tree,
    TEMPLATES,
    '.',
    { ...options, tmpl: '' },
    { overwriteStrategy: OverwriteStrategy.ThrowIfExisting },
  );
  await formatFiles(tree);
  return () => {
    logger.info(nextSteps(options).join('\n'));
  };
}

module.exports = { serviceGenerator };
