'use strict';

/**
 * Gives every function the deployment settings serverless-plugin-canary-deployments needs to
 * shift its traffic gradually and roll back: the function's own alarms (added by ./alarms). A
 * function that declares `deploymentSettings.alarms` keeps its own.
 * @param {{ getAllFunctions(): string[], getFunction(name: string): Record<string, any> }} service
 * @param {(functionName: string) => string} logicalIdOf the function's CloudFormation logical id
 * @returns {string[]} the functions that were given settings
 */
function addCanaryAlarms(service, logicalIdOf) {
  const changed = [];
  for (const name of service.getAllFunctions()) {
    const fn = service.getFunction(name);
    const settings = fn.deploymentSettings || {};
    if (Array.isArray(settings.alarms) && settings.alarms.length > 0) continue;
    const id = logicalIdOf(name);
    fn.deploymentSettings = {
      ...settings,
      alarms: [`${id}ErrorsAlarm`, `${id}ThrottlesAlarm`, `${id}DurationP99Alarm`],
    };
    changed.push(name);
  }
  return changed;
}

module.exports = { addCanaryAlarms };
