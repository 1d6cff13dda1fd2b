'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseEnv } = require('node:util');

/** The stage that runs on a laptop (tools/local): the only one that may fall back to a default. */
const LOCAL_STAGE = 'local';

/** `staging` → `STAGING`: the prefix of a stage's own variables. */
function stagePrefix(stage) {
  return stage.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Reads `KEY=value` lines (the dotenv format) from `file`; `{}` when no file is named. */
function readStageConfigFile(file, readFile = readFileSync) {
  if (!file) return {};
  let text;
  try {
    text = readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`STAGE_CONFIG_FILE names ${file}, which cannot be read: ${error.message}`);
  }
  return parseEnv(text);
}

/** What a missing stage variable means and where to set it: the message `serverless package` prints. */
function missingStageVariableMessage(name, stage) {
  const own = `${stagePrefix(stage)}_${name}`;
  return (
    `${name} is not set for stage "${stage}" (only "${LOCAL_STAGE}" has a default): set ${own} or ${name}. ` +
    `In GitHub Actions: the repository variable ${own}, which deploy.yml's build job passes on ` +
    `(README › "Bootstrap an AWS account"). Locally: export it, or name a file of KEY=value lines ` +
    `with STAGE_CONFIG_FILE (make validate uses .ci/stages.env).`
  );
}

/**
 * The value of the stage configuration variable `name` for `stage`, from the most specific source:
 * the environment's `<STAGE>_<NAME>`, then its `<NAME>`, then `<STAGE>_<NAME>` in the file that
 * `STAGE_CONFIG_FILE` names. `null` for the local stage when none is set (serverless.yml's fallback
 * then applies); any other stage without a value throws {@link missingStageVariableMessage}.
 * @param {{ name: string, stage: string, env?: NodeJS.ProcessEnv, readFile?: typeof readFileSync }} input
 * @returns {string | null}
 */
function resolveStageVariable({ name, stage, env = process.env, readFile }) {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
    throw new Error(`\${stageEnv:${name}}: name a variable in capitals, such as \${stageEnv:AUTH_ISSUER}`);
  }
  const own = `${stagePrefix(stage)}_${name}`;
  const present = (value) => (value === undefined || value === '' ? undefined : value);
  const fromEnv = present(env[own]) ?? present(env[name]);
  if (fromEnv !== undefined) return fromEnv;
  if (stage === LOCAL_STAGE) return null;
  const fromFile = present(readStageConfigFile(env.STAGE_CONFIG_FILE, readFile)[own]);
  if (fromFile !== undefined) return fromFile;
  throw new Error(missingStageVariableMessage(name, stage));
}

/**
 * The stage variables a package was built with, as `serverless package` recorded them in its
 * template's `Metadata.Platform.stageConfig`: what `serverless deploy --package` must use.
 * @param {string} packageDir
 * @returns {Record<string, string>}
 */
function packagedStageConfig(packageDir) {
  const state = join(packageDir, 'serverless-state.json');
  if (!existsSync(state)) {
    throw new Error(
      `${packageDir} holds no serverless-state.json: it is not a package of serverless package`,
    );
  }
  const parsed = JSON.parse(readFileSync(state, 'utf8'));
  const template =
    parsed &&
    parsed.service &&
    parsed.service.provider &&
    parsed.service.provider.compiledCloudFormationTemplate;
  return (
    (template && template.Metadata && template.Metadata.Platform && template.Metadata.Platform.stageConfig) ||
    {}
  );
}

/**
 * The `stageEnv` variable source: `${stageEnv:AUTH_ISSUER, '<local default>'}` in serverless.yml.
 * `serverless package` resolves each variable (see {@link resolveStageVariable}) and records it in
 * `recorded`, which the plugin writes into the template; `serverless deploy --package <dir>` takes
 * the value recorded in that package, so a promoted package deploys with the configuration it was
 * built and tested with, and the deploy job needs none of it.
 * Its errors are `UserError`s (the framework's ServerlessError), printed as a message, not a stack.
 * @param {new (message: string) => Error} UserError
 * @param {{ recorded?: Record<string, string>, deployedPackage?: () => string | undefined }} [context]
 */
function stageEnvSource(UserError, context = {}) {
  return {
    async resolve({ address, options, resolveConfigurationProperty }) {
      let stage = options && options.stage != null ? String(options.stage) : undefined;
      if (stage === undefined) stage = (await resolveConfigurationProperty(['provider', 'stage'])) ?? 'dev';
      const name = String(address ?? '');
      try {
        const packageDir = context.deployedPackage && context.deployedPackage();
        if (packageDir !== undefined && stage !== LOCAL_STAGE) {
          const value = packagedStageConfig(packageDir)[name];
          if (value === undefined) {
            throw new Error(
              `${packageDir} records no ${name} for stage "${stage}": package it again (make build STAGE=${stage}) and deploy that package`,
            );
          }
          return { value };
        }
        const value = resolveStageVariable({ name, stage });
        if (value !== null && context.recorded) context.recorded[name] = value;
        return { value };
      } catch (error) {
        throw new UserError(error.message);
      }
    },
  };
}

module.exports = {
  packagedStageConfig,
  stageEnvSource,
  resolveStageVariable,
};
