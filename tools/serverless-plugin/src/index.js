'use strict';

const { addAlarms } = require('./alarms');
const { applyConventions } = require('./conventions');
const { addCanaryAlarms } = require('./deployment-settings');
const { writePlatformMetadata } = require('./metadata');

/**
 * @platform/serverless-plugin — applies the platform's IaC conventions (ARCHITECTURE.md §7) to
 * every service's compiled CloudFormation template at package time, so no service repeats them:
 * alarms per function and per API (which also gate canary deployments), tags on every taggable
 * resource, no unused default role, X-Ray rights on per-function roles, and `Metadata.Platform` for
 * tools/policy.
 *
 * Settings: `custom.platform` (pulled from serverless/service-defaults.yml) and `custom.policy`.
 */
class PlatformPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    this.hooks = {
      // Before serverless-plugin-canary-deployments reads deploymentSettings (after mergeCustomProviderResources).
      'before:package:finalize': () => this.wireCanaryAlarms(),
      'before:aws:package:finalize:saveServiceState': () => this.applyConventions(),
    };
  }

  wireCanaryAlarms() {
    const naming = this.serverless.getProvider('aws').naming;
    addCanaryAlarms(this.serverless.service, (name) => naming.getLambdaLogicalId(name));
  }

  applyConventions() {
    const serverless = this.serverless;
    const service = serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const custom = service.custom || {};
    const settings = custom.platform || {};
    const stage = serverless.getProvider('aws').getStage();
    const alarms = addAlarms(template, {
      service: service.service,
      stage,
      thresholds: settings.alarms,
      topicArn: settings.alarmTopicArn || undefined,
    });
    const result = applyConventions(template, { tags: settings.tags, service: service.service, stage });
    writePlatformMetadata(template, {
      service: service.service,
      stage,
      serviceDir: serverless.serviceDir,
      configFile: serverless.configurationFilename,
      policy: custom.policy,
    });
    if (this.log && this.log.verbose) {
      this.log.verbose(
        `platform conventions: ${alarms.length} alarms, tagged ${result.tagged.length} resources` +
          (result.removedDefaultRole ? ', removed the unused default role' : ''),
      );
    }
  }
}

module.exports = PlatformPlugin;
