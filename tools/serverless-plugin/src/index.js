'use strict';

const { resolve } = require('node:path');
const { addAlarms } = require('./alarms');
const { writeCheckovSkips } = require('./checkov-skips');
const { CHANGE_SET_FILE_VARIABLE, saveChangeSetBeforeExecution } = require('./change-set-evidence');
const { applyConventions } = require('./conventions');
const { addLogSubscriptions } = require('./log-subscriptions');
const { addDashboard } = require('./dashboard');
const { addCanaryAlarms } = require('./deployment-settings');
const { prepareLocalStart } = require('./local-start');
const { addSloAlarms } = require('./slo');
const { writePlatformMetadata } = require('./metadata');
const { stageEnvSource } = require('./stage-config');

/**
 * @platform/serverless-plugin — applies the platform's IaC conventions (docs/architecture.md §7) to
 * every service's compiled CloudFormation template at package time, so no service repeats them:
 * alarms per function and per API (which also gate canary deployments), SLO burn-rate alarms and a
 * dashboard per service (ADR-014), log subscriptions to the central logs, tags on every taggable
 * resource, no unused default role, X-Ray rights on per-function roles, and `Metadata.Platform` for
 * tools/policy.
 *
 * Also: the `${stageEnv:NAME, <local default>}` variable source (stage configuration that has no
 * default outside the local stage), and, when PLATFORM_CHANGE_SET_FILE is set, `serverless deploy`
 * saves the change set it is about to execute there (deploy evidence); in `serverless offline start`,
 * what the local stack needs of the resolved configuration (local-start.js).
 *
 * Settings: `custom.platform` (pulled from serverless/service-defaults.yml) and `custom.policy`.
 */
class PlatformPlugin {
  constructor(serverless, options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    /** The stage variables this package resolved, written into its template's metadata. */
    this.stageConfig = {};
    const commands = (serverless.processedInput && serverless.processedInput.commands) || [];
    this.configurationVariablesSources = {
      stageEnv: stageEnvSource(serverless.classes.Error, {
        recorded: this.stageConfig,
        deployedPackage: () =>
          commands[0] === 'deploy' && options && options.package
            ? resolve(serverless.serviceDir || process.cwd(), String(options.package))
            : undefined,
      }),
    };
    this.hooks = {
      // Before serverless-plugin-canary-deployments reads deploymentSettings (after mergeCustomProviderResources).
      'before:package:finalize': () => this.wireCanaryAlarms(),
      'before:aws:package:finalize:saveServiceState': () => this.applyConventions(),
      'before:aws:deploy:deploy:updateStack': () => this.captureChangeSet(),
      // `serverless offline start` in the local stack, after serverless-esbuild bundled (local-start.js).
      'offline:start:init': () => prepareLocalStart(this.serverless.service),
    };
  }

  /**
   * Gives the framework's deploy step a CloudFormation client that saves the change set before
   * executing it (see change-set-evidence.js). The framework keeps its client on the AwsDeploy
   * plugin as `cloudFormationClientPromise` and creates one only when none is there.
   */
  async captureChangeSet() {
    const file = process.env[CHANGE_SET_FILE_VARIABLE];
    if (!file) return;
    const deployer = this.serverless.pluginManager.plugins.find(
      (plugin) => plugin && plugin.constructor && plugin.constructor.name === 'AwsDeploy',
    );
    if (!deployer)
      throw new Error(`${CHANGE_SET_FILE_VARIABLE} is set, but the AwsDeploy plugin is not loaded`);
    const commands = require('@aws-sdk/client-cloudformation');
    const config = await this.serverless.getProvider('aws').getAwsSdkV3Config();
    const client = saveChangeSetBeforeExecution(
      new commands.CloudFormationClient(config),
      commands,
      file,
      (line) => (this.log && this.log.notice ? this.log.notice(line) : undefined),
    );
    deployer.cloudFormationClientPromise = Promise.resolve(client);
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
    });
    const sloAlarms = addSloAlarms(template, {
      service: service.service,
      stage,
      topicArn: settings.alarmTopicArn,
    });
    const widgets = addDashboard(template, { service: service.service, stage });
    const subscriptions = addLogSubscriptions(template, { destinationArn: settings.logDestinationArn });
    const result = applyConventions(template, { tags: settings.tags, service: service.service, stage });
    writePlatformMetadata(template, {
      service: service.service,
      stage,
      serviceDir: serverless.serviceDir,
      configFile: serverless.configurationFilename,
      policy: custom.policy,
      stageConfig: this.stageConfig,
    });
    const skips = writeCheckovSkips(template, (custom.policy || {}).suppress);
    if (this.log && this.log.verbose) {
      this.log.verbose(
        `platform conventions: ${alarms.length} alarms, ${sloAlarms.length} SLO alarms, a dashboard of ${widgets} widgets, ${subscriptions.length} log subscriptions, tagged ${result.tagged.length} resources, ${skips} checkov skips` +
          (result.removedDefaultRole ? ', removed the unused default role' : ''),
      );
    }
  }
}

module.exports = PlatformPlugin;
