'use strict';

const { applyConventions } = require('./conventions');

/**
 * @platform/serverless-plugin — applies the platform's IaC conventions (ARCHITECTURE.md §7) to
 * every service's compiled CloudFormation template at package time, so no service repeats them:
 * tags on every taggable resource, no unused default role, X-Ray rights on per-function roles.
 *
 * Settings: `custom.platform` (pulled from serverless/service-defaults.yml).
 */
class PlatformPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    this.hooks = {
      'before:aws:package:finalize:saveServiceState': () => this.applyConventions(),
    };
  }

  applyConventions() {
    const service = this.serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const settings = (service.custom && service.custom.platform) || {};
    const result = applyConventions(template, { tags: settings.tags });
    if (this.log && this.log.verbose) {
      this.log.verbose(
        `platform conventions: tagged ${result.tagged.length} resources` +
          (result.removedDefaultRole ? ', removed the unused default role' : ''),
      );
    }
  }
}

module.exports = PlatformPlugin;
