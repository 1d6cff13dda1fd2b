'use strict';

const { getProjects, names } = require('@nx/devkit');
const { stringify } = require('yaml');
const { ServiceOptionsError } = require('../errors');

/** A service name: kebab-case, 2..31 characters, starting with a letter. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,30}$/;
/** An owning team, as it appears in the `owner` tag. */
const OWNER = /^[a-z][a-z0-9-]{1,62}$/;
/** A cost centre, as it appears in the `cost-center` tag. */
const COST_CENTER = /^cc-[0-9]{4}$/;

/**
 * @typedef {object} ServiceGeneratorSchema What `nx g @platform/tools:service` accepts.
 * @property {string} name kebab-case service name (`^[a-z][a-z0-9-]{1,30}$`)
 * @property {string} [owner] owning team; default `team-<name>`
 * @property {string} [costCenter] cost centre; default `cc-0000`
 */

/**
 * @typedef {object} ServiceOptions The validated options and every name the templates use.
 * @property {string} name `loyalty-points`
 * @property {string} className `LoyaltyPoints` (the service's base error class is `<className>Error`)
 * @property {string} propertyName `loyaltyPoints` (`use<ClassName>Table`)
 * @property {string} owner `team-loyalty-points`
 * @property {string} costCenter `cc-0000`
 * @property {string} projectRoot `apps/loyalty-points`
 * @property {string} titleYaml the name as a YAML scalar, exactly as the `yaml` package writes it
 *   into openapi.yaml (`true` is quoted, `payments` is not)
 */

/**
 * @param {string} value
 * @param {string} what
 */
function checkKebabName(value, what) {
  if (value.endsWith('-') || value.includes('--')) {
    throw new ServiceOptionsError(`${what} "${value}" must not end with "-" or contain "--".`);
  }
}

/**
 * Validates the options against the workspace in `tree` and derives the names the templates use.
 * A name that is not kebab-case, or that an existing project or folder already uses, throws a
 * {@link ServiceOptionsError} saying why.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {ServiceGeneratorSchema} schema
 * @returns {ServiceOptions}
 *
 * @example
 * normalizeOptions(tree, { name: 'payments' }).owner; // 'team-payments'
 */
function normalizeOptions(tree, schema) {
  const name = typeof schema.name === 'string' ? schema.name.trim() : '';
  if (!SERVICE_NAME.test(name)) {
    throw new ServiceOptionsError(
      `Service name "${name}" must be kebab-case and match ${SERVICE_NAME.source} (e.g. "payments").`,
    );
  }
  checkKebabName(name, 'Service name');
  const owner = schema.owner ?? `team-${name}`;
  if (!OWNER.test(owner)) {
    throw new ServiceOptionsError(`Owner "${owner}" must match ${OWNER.source} (e.g. "team-${name}").`);
  }
  const costCenter = schema.costCenter ?? 'cc-0000';
  if (!COST_CENTER.test(costCenter)) {
    throw new ServiceOptionsError(
      `Cost centre "${costCenter}" must match ${COST_CENTER.source} (e.g. "cc-1001").`,
    );
  }

  const projectRoot = `apps/${name}`;
  const projects = getProjects(tree);
  if (projects.has(name)) {
    const existing = projects.get(name);
    throw new ServiceOptionsError(
      `A project named "${name}" already exists (${existing ? existing.root : 'unknown root'}); choose another name.`,
    );
  }
  if (tree.exists(projectRoot)) {
    throw new ServiceOptionsError(`${projectRoot} already exists; choose another name.`);
  }
  const runbook = `docs/runbooks/${name}.md`;
  if (tree.exists(runbook)) {
    throw new ServiceOptionsError(`${runbook} already exists; choose another name.`);
  }

  const { className, propertyName } = names(name);
  return {
    name,
    className,
    propertyName,
    owner,
    costCenter,
    projectRoot,
    titleYaml: stringify(name).trimEnd(),
  };
}

module.exports = { normalizeOptions, SERVICE_NAME };
