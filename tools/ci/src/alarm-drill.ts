import { readFileSync } from 'node:fs';

/** What a drilled alarm is wired to trigger, read from the service's packaged template. */
export interface AlarmWiring {
  /** The alarm drilled (its AlarmName). */
  alarm: string;
  /** Composite alarms whose rule names it, with the actions each takes (the stage's topic). */
  composites: Array<{ name: string; actions: string[] }>;
  /** CodeDeploy deployment groups that roll back while it is in ALARM (their logical ids). */
  rollbacks: string[];
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

/** The AlarmName a value designates: a literal, or a `Ref` to an alarm resource of the template. */
function alarmNameOf(value: unknown, resources: Record<string, Resource>): string | undefined {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref !== 'string') return undefined;
  const name = resources[ref]?.Properties?.['AlarmName'];
  return typeof name === 'string' ? name : undefined;
}

/** A literal ARN, or the text of a `Fn::Sub`/`Ref` as written (the drill reports what it reads). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Reads from a packaged template what alarm `alarm` triggers: the composite alarms whose rule names
 * it (and their actions) and the deployment groups that roll back on it.
 *
 * @example
 * const wiring = alarmWiring('dist/orders/staging/cloudformation-template-update-stack.json', 'orders-staging-slo-availability-fast-5m');
 * wiring.rollbacks; // ['PlaceOrderLambdaFunctionDeploymentGroup', …]
 */
export function alarmWiring(templateFile: string, alarm: string): AlarmWiring {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources?: Record<string, Resource> };
  const resources = template.Resources ?? {};
  const composites = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::CloudWatch::CompositeAlarm')
    .filter((resource) => String(resource.Properties?.['AlarmRule'] ?? '').includes(`ALARM("${alarm}")`))
    .map((resource) => ({
      name: String(resource.Properties?.['AlarmName']),
      actions: ((resource.Properties?.['AlarmActions'] as unknown[] | undefined) ?? []).map(textOf),
    }));
  const rollbacks = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::CodeDeploy::DeploymentGroup')
    .filter(([, resource]) => {
      const alarms = (resource.Properties?.['AlarmConfiguration'] as { Alarms?: Array<{ Name?: unknown }> })
        ?.Alarms;
      return (alarms ?? []).some((entry) => alarmNameOf(entry.Name, resources) === alarm);
    })
    .map(([id]) => id);
  return { alarm, composites, rollbacks };
}

/** The CloudWatch calls a drill makes. */
export interface DrillCloudWatch {
  stateOf(alarm: string): Promise<string | undefined>;
  setState(alarm: string, state: 'ALARM' | 'OK', reason: string): Promise<void>;
}

/** One line of a drill's report. */
export interface DrillCheck {
  check: string;
  ok: boolean;
  detail: string;
}

/**
 * The drill: the alarm must exist; set to ALARM it must read ALARM; it must be wired to notify
 * (through a composite alarm with an action) and to roll a canary back (a deployment group lists
 * it); then it is set back to OK, whatever happened.
 *
 * @example
 * declare const cloudWatch: DrillCloudWatch;
 * declare const wiring: AlarmWiring;
 * const checks = await runAlarmDrill(cloudWatch, wiring);
 * checks.every((check) => check.ok);
 */
export async function runAlarmDrill(cloudWatch: DrillCloudWatch, wiring: AlarmWiring): Promise<DrillCheck[]> {
  const checks: DrillCheck[] = [];
  const before = await cloudWatch.stateOf(wiring.alarm);
  checks.push({
    check: 'the alarm exists',
    ok: before !== undefined,
    detail: before === undefined ? `no alarm ${wiring.alarm} in CloudWatch` : `${wiring.alarm} is ${before}`,
  });
  if (before !== undefined) {
    try {
      await cloudWatch.setState(wiring.alarm, 'ALARM', 'alarm drill (make alarm-drill)');
      const during = await cloudWatch.stateOf(wiring.alarm);
      checks.push({
        check: 'set to ALARM, it reads ALARM',
        ok: during === 'ALARM',
        detail: `state ${during}`,
      });
    } finally {
      await cloudWatch.setState(wiring.alarm, 'OK', 'alarm drill over (make alarm-drill)');
    }
    const after = await cloudWatch.stateOf(wiring.alarm);
    checks.push({ check: 'set back to OK', ok: after === 'OK', detail: `state ${after}` });
  }
  const notifying = wiring.composites.filter((composite) => composite.actions.length > 0);
  checks.push({
    check: 'it pages: a composite alarm with an action names it',
    ok: notifying.length > 0,
    detail:
      notifying.map((composite) => `${composite.name} → ${composite.actions.join(', ')}`).join('; ') ||
      'no composite alarm with an action names it',
  });
  checks.push({
    check: 'it rolls a canary back: a deployment group lists it',
    ok: wiring.rollbacks.length > 0,
    detail: wiring.rollbacks.join(', ') || 'no deployment group lists it',
  });
  return checks;
}

/**
 * The drill's report: one line per check.
 *
 * @example
 * formatDrill([{ check: 'the alarm exists', ok: true, detail: 'orders-staging-slo-availability-fast-5m is OK' }]);
 */
export function formatDrill(checks: DrillCheck[]): string {
  const width = Math.max(...checks.map((check) => check.check.length));
  return checks
    .map((check) => `${check.ok ? 'ok  ' : 'FAIL'}  ${check.check.padEnd(width)}  ${check.detail}`)
    .join('\n');
}
