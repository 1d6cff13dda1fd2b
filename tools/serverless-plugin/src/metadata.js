'use strict';

const { existsSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

/** The folder holding nx.json above `from`, or undefined. */
function findWorkspaceRoot(from) {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Records in the template's `Metadata.Platform` what tools read later: the service, the stage, the
 * serverless.yml it came from (relative to the workspace root) and the policy settings
 * (`custom.policy.suppress`, `custom.policy.publicRoutes`) that tools/policy honours.
 * @param {{ Metadata?: Record<string, any> }} template
 * @param {{ service: string, stage: string, serviceDir?: string, configFile?: string, policy?: { suppress?: unknown[], publicRoutes?: string[] } }} options
 */
function writePlatformMetadata(template, options) {
  const root = options.serviceDir ? findWorkspaceRoot(options.serviceDir) : undefined;
  const source =
    root && options.serviceDir
      ? relative(root, join(options.serviceDir, options.configFile || 'serverless.yml'))
          .split('\\')
          .join('/')
      : undefined;
  const policy = options.policy || {};
  template.Metadata = template.Metadata || {};
  template.Metadata.Platform = {
    service: options.service,
    stage: options.stage,
    ...(source ? { source } : {}),
    policy: {
      suppress: Array.isArray(policy.suppress) ? policy.suppress : [],
      publicRoutes: Array.isArray(policy.publicRoutes) ? policy.publicRoutes : [],
    },
    ...(options.stageConfig && Object.keys(options.stageConfig).length > 0
      ? { stageConfig: { ...options.stageConfig } }
      : {}),
  };
  return template.Metadata.Platform;
}

module.exports = { findWorkspaceRoot, writePlatformMetadata };
