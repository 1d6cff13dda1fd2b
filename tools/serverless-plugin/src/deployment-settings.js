'use strict';

const { fastBurnCanaryAlarmIds } = require('./slo');

/** The route classes of the service's HTTP API events (`GET`/`HEAD` read, the rest write). */
function httpApiRouteClasses(service) {
  const methods = service
    .getAllFunctions()
    .flatMap((name) => service.getFunction(name).events || [])
    .map((event) => event && event.httpApi)
    .filter(Boolean)
    .map((httpApi) =>
      String(typeof httpApi === 'string' ? httpApi.split(' ')[0] : httpApi.method).toUpperCase(),
    );
  return {
    hasApi: methods.length > 0,
    hasReads: methods.some((method) => method === 'GET' || method === 'HEAD'),
    hasWrites: methods.some((method) => method !== 'GET' && method !== 'HEAD'),
  };
}

/**
 * Gives every function the deployment settings serverless-plugin-canary-deployments needs to
 * shift its traffic gradually and roll back: the function's own alarms (added by ./alarms) and,
 * when the service has an HTTP API, the fast burn's short-window SLO alarms (./slo, ADR-014). A
 * function that declares `deploymentSettings.alarms` keeps its own.
 * @param {{ getAllFunctions(): string[], getFunction(name: string): Record<string, any> }} service
 * @param {(functionName: string) => string} logicalIdOf the function's CloudFormation logical id
 * @returns {string[]} the functions that were given settings
 */
function addCanaryAlarms(service, logicalIdOf) {
  const classes = httpApiRouteClasses(service);
  const sloAlarms = classes.hasApi ? fastBurnCanaryAlarmIds(classes) : [];
  const changed = [];
  for (const name of service.getAllFunctions()) {
    const fn = service.getFunction(name);
    const settings = fn.deploymentSettings || {};
    if (Array.isArray(settings.alarms) && settings.alarms.length > 0) continue;
    const id = logicalIdOf(name);
    fn.deploymentSettings = {
      ...settings,
      alarms: [`${id}ErrorsAlarm`, `${id}ThrottlesAlarm`, `${id}DurationP99Alarm`, ...sloAlarms],
    };
    changed.push(name);
  }
  return changed;
}

module.exports = { addCanaryAlarms };
