import type { DeployRecord } from './delivery-history';

/** One coverage measurement of one project at one commit, as `make test` records it. */
export interface CoverageRecord {
  readonly schema: 'serverless-factory/coverage@1';
  /** The project's root, e.g. `apps/catalog`. */
  readonly project: string;
  readonly sha: string;
  readonly committedAt: string;
  readonly recordedAt: string;
  /** Line coverage, in percent. */
  readonly linesPct: number;
}

/** The window the KPIs are computed over: deploys that finished in `[since, until)`. */
export interface ReportWindow {
  readonly since: Date;
  readonly until: Date;
}

/** The four delivery KPIs (DORA) and the coverage trend of one service or one team. */
export interface DeliveryKpis {
  readonly name: string;
  /** The services counted (the service itself, or the team's). */
  readonly services: readonly string[];
  /** Successful prod deploys in the window. */
  readonly deployments: number;
  /** Successful prod deploys per week of the window. */
  readonly deploymentsPerWeek: number;
  /** Median hours from the deployed commit to the end of its prod deploy; `null` without a deploy. */
  readonly leadTimeHours: number | null;
  /** Failed prod deploys over all prod deploys; `null` without a deploy. */
  readonly changeFailureRate: number | null;
  /**
   * Median hours from the first failed prod deploy of a run of failures to the next successful one;
   * `null` when no failure was restored in the window.
   */
  readonly timeToRestoreHours: number | null;
  /** Failure runs not restored by the end of the window. */
  readonly unrestored: number;
  /** Line coverage at the first and last measurement in the window (percent). */
  readonly coverage: { readonly first: number; readonly last: number; readonly delta: number } | null;
}

/** A coverage series for the charts: one point per measurement. */
interface CoveragePoint {
  readonly at: string;
  readonly linesPct: number;
}

/** What {@link computeDeliveryKpis} answers. */
export interface DeliveryKpiReport {
  readonly stage: string;
  readonly since: string;
  readonly until: string;
  readonly weeks: number;
  readonly services: readonly DeliveryKpis[];
  readonly teams: readonly DeliveryKpis[];
  /** Per service, its coverage measurements in the window, oldest first. */
  readonly coverageSeries: Readonly<Record<string, readonly CoveragePoint[]>>;
}

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return round(value);
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const time = (iso: string): number => Date.parse(iso);

/** The measurements one service or team contributes: deploy outcomes and restore times. */
interface Measurements {
  succeeded: number;
  failed: number;
  leadTimes: number[];
  restoreTimes: number[];
  unrestored: number;
}

function measureService(deploys: readonly DeployRecord[], window: ReportWindow): Measurements {
  const inWindow = (record: DeployRecord): boolean =>
    time(record.finishedAt) >= window.since.getTime() && time(record.finishedAt) < window.until.getTime();
  const ordered = [...deploys].sort((a, b) => time(a.finishedAt) - time(b.finishedAt));
  const result: Measurements = { succeeded: 0, failed: 0, leadTimes: [], restoreTimes: [], unrestored: 0 };
  let failingSince: number | undefined;
  for (const record of ordered) {
    const counted = inWindow(record);
    if (record.status === 'failed') {
      if (counted) result.failed += 1;
      if (counted && failingSince === undefined) failingSince = time(record.finishedAt);
      continue;
    }
    if (!counted) continue;
    result.succeeded += 1;
    result.leadTimes.push((time(record.finishedAt) - time(record.committedAt)) / HOUR_MS);
    if (failingSince !== undefined) {
      result.restoreTimes.push((time(record.finishedAt) - failingSince) / HOUR_MS);
      failingSince = undefined;
    }
  }
  if (failingSince !== undefined) result.unrestored += 1;
  return result;
}

function coverageTrend(points: readonly CoveragePoint[]): DeliveryKpis['coverage'] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  return { first: first.linesPct, last: last.linesPct, delta: round(last.linesPct - first.linesPct) };
}

function kpis(
  name: string,
  services: readonly string[],
  measured: readonly Measurements[],
  coverage: DeliveryKpis['coverage'],
  weeks: number,
): DeliveryKpis {
  const succeeded = measured.reduce((sum, m) => sum + m.succeeded, 0);
  const failed = measured.reduce((sum, m) => sum + m.failed, 0);
  return {
    name,
    services,
    deployments: succeeded,
    deploymentsPerWeek: round(succeeded / weeks),
    leadTimeHours: median(measured.flatMap((m) => m.leadTimes)),
    changeFailureRate: succeeded + failed === 0 ? null : round(failed / (succeeded + failed), 4),
    timeToRestoreHours: median(measured.flatMap((m) => m.restoreTimes)),
    unrestored: measured.reduce((sum, m) => sum + m.unrestored, 0),
    coverage,
  };
}

/**
 * The delivery KPIs of every service and of every owning team, from the deploy and coverage history:
 * deployment frequency, lead time (commit → end of the prod deploy), change failure rate and time to
 * restore, over the prod deploys that finished in the window, plus each service's coverage trend
 * (its project `apps/<service>`). A team's figures pool its services' deploys; its coverage is the
 * mean of its services' first and last values.
 *
 * @example
 * const report = computeDeliveryKpis({
 *   deploys: [],
 *   coverage: [],
 *   owners: { catalog: 'team-catalog' },
 *   window: { since: new Date('2026-11-09T00:00:00Z'), until: new Date('2026-12-07T00:00:00Z') },
 * });
 * report.services[0]?.deploymentsPerWeek; // 0
 */
export function computeDeliveryKpis(input: {
  deploys: readonly DeployRecord[];
  coverage: readonly CoverageRecord[];
  owners: Readonly<Record<string, string>>;
  window: ReportWindow;
  stage?: string;
}): DeliveryKpiReport {
  const stage = input.stage ?? 'prod';
  const weeks = (input.window.until.getTime() - input.window.since.getTime()) / WEEK_MS;
  if (!(weeks > 0)) throw new RangeError('the report window must end after it starts');
  const serviceNames = Object.keys(input.owners).sort();
  const coverageSeries: Record<string, CoveragePoint[]> = {};
  const measured: Record<string, Measurements> = {};
  for (const service of serviceNames) {
    measured[service] = measureService(
      input.deploys.filter((d) => d.service === service && d.stage === stage),
      input.window,
    );
    coverageSeries[service] = input.coverage
      .filter(
        (c) =>
          c.project === `apps/${service}` &&
          time(c.recordedAt) >= input.window.since.getTime() &&
          time(c.recordedAt) < input.window.until.getTime(),
      )
      .sort((a, b) => time(a.recordedAt) - time(b.recordedAt))
      .map((c) => ({ at: c.recordedAt, linesPct: c.linesPct }));
  }
  const measurementsOf = (service: string): Measurements =>
    measured[service] ?? { succeeded: 0, failed: 0, leadTimes: [], restoreTimes: [], unrestored: 0 };
  const services = serviceNames.map((service) =>
    kpis(service, [service], [measurementsOf(service)], coverageTrend(coverageSeries[service] ?? []), weeks),
  );
  const teamNames = [...new Set(Object.values(input.owners))].sort();
  const teams = teamNames.map((team) => {
    const own = serviceNames.filter((service) => input.owners[service] === team);
    const trends = own
      .map((service) => services.find((s) => s.name === service)?.coverage)
      .filter(
        (trend): trend is NonNullable<DeliveryKpis['coverage']> => trend !== null && trend !== undefined,
      );
    const mean = (values: number[]): number => round(values.reduce((a, b) => a + b, 0) / values.length);
    const coverage =
      trends.length === 0
        ? null
        : {
            first: mean(trends.map((t) => t.first)),
            last: mean(trends.map((t) => t.last)),
            delta: round(mean(trends.map((t) => t.last)) - mean(trends.map((t) => t.first))),
          };
    return kpis(team, own, own.map(measurementsOf), coverage, weeks);
  });
  return {
    stage,
    since: input.window.since.toISOString(),
    until: input.window.until.toISOString(),
    weeks: round(weeks),
    services,
    teams,
    coverageSeries,
  };
}
