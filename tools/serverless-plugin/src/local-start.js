'use strict';

const { writeFileSync, renameSync } = require('node:fs');
const { dirname } = require('node:path');

/** Set by the local stack (tools/local): where `serverless offline start` writes {@link localStartConfig}. */
const LOCAL_START_CONFIG_VARIABLE = 'LOCAL_STACK_CONFIG_FILE';

/**
 * What the local stack needs of a service's resolved configuration: its resources (the tables it
 * creates in DynamoDB Local) and what decides what serverless-esbuild's watcher sees (its settings,
 * the package patterns). Written by the serverless-offline process itself, the stack never resolves
 * the configuration a second time (`serverless print` costs ~3 s and a core per service).
 */
function localStartConfig(service) {
  const functions = {};
  for (const [name, fn] of Object.entries(service.functions || {})) {
    functions[name] = { package: (fn && fn.package) || {} };
  }
  return {
    service: service.service,
    resources: service.resources || {},
    custom: { esbuild: (service.custom && service.custom.esbuild) || {} },
    package: service.package || {},
    functions,
  };
}

/**
 * Runs in `serverless offline start` once serverless-esbuild has bundled the handlers: writes
 * {@link localStartConfig} where LOCAL_STACK_CONFIG_FILE says (atomically), and, when the bundles
 * were built plainly (`skipRebuild`, no incremental context kept), stops esbuild's service process,
 * which keeps hundreds of MB after bundling; a rebuild on change starts it again.
 */
async function prepareLocalStart(service, env = process.env) {
  const file = env[LOCAL_START_CONFIG_VARIABLE];
  if (file) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(localStartConfig(service)));
    renameSync(partial, file);
  }
  const esbuildSettings = (service.custom && service.custom.esbuild) || {};
  if (esbuildSettings.skipRebuild === true) {
    // The esbuild serverless-esbuild loaded (its own, when it has one).
    const bundler = require.resolve('serverless-esbuild');
    const esbuild = require(require.resolve('esbuild', { paths: [dirname(bundler)] }));
    await esbuild.stop();
  }
}

module.exports = { LOCAL_START_CONFIG_VARIABLE, localStartConfig, prepareLocalStart };
