import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { DeliveryKpiReport, DeliveryKpis } from './delivery-kpis';

/** Where `make report` writes (relative to the workspace). */
export const REPORT_DIR = 'reports/weekly';

/**
 * The owning team of every service: `custom.owner` of each `apps/<service>/serverless.yml`.
 *
 * @example
 * serviceOwners(process.cwd()); // { catalog: 'team-catalog', inventory: 'team-inventory', orders: 'team-orders' }
 */
export function serviceOwners(workspaceRoot: string): Record<string, string> {
  const apps = join(workspaceRoot, 'apps');
  const owners: Record<string, string> = {};
  for (const service of readdirSync(apps).sort()) {
    const file = join(apps, service, 'serverless.yml');
    if (!existsSync(file)) continue;
    const config: unknown = parse(readFileSync(file, 'utf8'));
    const custom = (config as { custom?: { owner?: unknown } } | null)?.custom;
    if (typeof custom?.owner !== 'string' || custom.owner === '') {
      throw new Error(`${file} has no custom.owner: every service names its owning team`);
    }
    owners[service] = custom.owner;
  }
  return owners;
}

const hours = (value: number | null): string => (value === null ? 'n/a' : `${value} h`);
const percent = (value: number | null): string =>
  value === null ? 'n/a' : `${Math.round(value * 1000) / 10} %`;
const coverage = (kpis: DeliveryKpis): string =>
  kpis.coverage === null
    ? 'n/a'
    : `${kpis.coverage.last} % (${kpis.coverage.delta >= 0 ? '+' : ''}${kpis.coverage.delta} from ${kpis.coverage.first} %)`;

function table(rows: readonly DeliveryKpis[], first: string): string {
  const lines = [
    `| ${first} | deploys | per week | lead time (median) | change failure rate | time to restore (median) | unrestored | line coverage |`,
    '| --- | --: | --: | --: | --: | --: | --: | --- |',
    ...rows.map(
      (k) =>
        `| ${k.name}${first === 'team' ? ` (${k.services.join(', ')})` : ''} | ${k.deployments} | ${k.deploymentsPerWeek} | ${hours(k.leadTimeHours)} | ${percent(k.changeFailureRate)} | ${hours(k.timeToRestoreHours)} | ${k.unrestored} | ${coverage(k)} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * The report as Markdown: the window, then one table per service and one per team.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 *
 * declare const report: DeliveryKpiReport;
 * writeFileSync('reports/weekly/report.md', renderReportMarkdown(report));
 */
export function renderReportMarkdown(report: DeliveryKpiReport): string {
  return `# Delivery report: ${report.stage}, ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}

${report.weeks} weeks of ${report.stage} deploys (reports/history/deploys.jsonl) and coverage
(reports/history/coverage.jsonl). Deployment frequency counts successful deploys; lead time runs
from the deployed commit to the end of its deploy; the change failure rate is failed deploys over
all deploys; time to restore runs from the first failed deploy of a run of failures to the next
successful one.

## Per service

${table(report.services, 'service')}

## Per team

${table(report.teams, 'team')}
`;
}

/** The kept chart library's browser build, inlined into the page (no CDN). */
function chartLibrary(): string {
  const source = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return source.replace(/<\/script/gi, '<\\/script');
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The charts of the page, as data (drawn by the page's script with Chart.js). */
function chartSpecs(report: DeliveryKpiReport): object[] {
  const names = report.services.map((s) => s.name);
  const bar = (
    id: string,
    title: string,
    label: string,
    values: (number | null)[],
    labels = names,
  ): object => ({
    id,
    title,
    type: 'bar',
    labels,
    datasets: [{ label, data: values }],
  });
  const dates = [
    ...new Set(
      Object.values(report.coverageSeries).flatMap((points) => points.map((p) => p.at.slice(0, 10))),
    ),
  ].sort();
  return [
    bar(
      'deploys',
      'Deployments per week',
      'deploys / week',
      report.services.map((s) => s.deploymentsPerWeek),
    ),
    bar(
      'lead-time',
      'Lead time, median (hours)',
      'hours',
      report.services.map((s) => s.leadTimeHours),
    ),
    bar(
      'change-failure-rate',
      'Change failure rate (%)',
      '%',
      report.services.map((s) =>
        s.changeFailureRate === null ? null : Math.round(s.changeFailureRate * 1000) / 10,
      ),
    ),
    bar(
      'time-to-restore',
      'Time to restore, median (hours)',
      'hours',
      report.services.map((s) => s.timeToRestoreHours),
    ),
    {
      id: 'coverage',
      title: 'Line coverage (%)',
      type: 'line',
      labels: dates,
      datasets: report.services.map((s) => ({
        label: s.name,
        data: dates.map(
          (date) =>
            (report.coverageSeries[s.name] ?? []).find((p) => p.at.slice(0, 10) === date)?.linesPct ?? null,
        ),
      })),
    },
    bar(
      'teams',
      'Deployments per week, per team',
      'deploys / week',
      report.teams.map((t) => t.deploymentsPerWeek),
      report.teams.map((t) => t.name),
    ),
  ];
}

/**
 * The report as one self-contained HTML page: the tables, and the charts drawn by Chart.js, whose
 * browser build is inlined (nothing is fetched). When every chart is drawn, `<body>` gets
 * `data-charts-drawn="<n>"`.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 *
 * declare const report: DeliveryKpiReport;
 * writeFileSync('reports/weekly/report.html', renderReportHtml(report));
 */
export function renderReportHtml(report: DeliveryKpiReport): string {
  const charts = chartSpecs(report);
  const data = JSON.stringify(charts).replace(/</g, '\\u003c');
  const rows = (list: readonly DeliveryKpis[], team: boolean): string =>
    list
      .map(
        (k) =>
          `<tr><td>${escapeHtml(k.name)}${team ? ` <small>(${escapeHtml(k.services.join(', '))})</small>` : ''}</td><td>${k.deployments}</td><td>${k.deploymentsPerWeek}</td><td>${hours(k.leadTimeHours)}</td><td>${percent(k.changeFailureRate)}</td><td>${hours(k.timeToRestoreHours)}</td><td>${k.unrestored}</td><td>${escapeHtml(coverage(k))}</td></tr>`,
      )
      .join('\n');
  const head =
    '<tr><th></th><th>deploys</th><th>per week</th><th>lead time</th><th>change failure rate</th><th>time to restore</th><th>unrestored</th><th>line coverage</th></tr>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Delivery report: ${escapeHtml(report.stage)}, ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; }
</style>
</head>
<body>
<h1>Delivery report: ${escapeHtml(report.stage)}, ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (${report.weeks} weeks)</h1>
<h2>Per service</h2>
<table>${head}
${rows(report.services, false)}
</table>
<h2>Per team</h2>
<table>${head}
${rows(report.teams, true)}
</table>
<div class="charts">
${charts
  .map(
    (chart) =>
      `<figure><figcaption>${escapeHtml((chart as { title: string }).title)}</figcaption><canvas id="chart-${(chart as { id: string }).id}" width="480" height="280"></canvas></figure>`,
  )
  .join('\n')}
</div>
<script type="application/json" id="chart-data">${data}</script>
<script>
${chartLibrary()}
</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('chart-data').textContent);
  var colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
  specs.forEach(function (spec) {
    new Chart(document.getElementById('chart-' + spec.id), {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, i) {
          return Object.assign({ backgroundColor: colours[i % colours.length], borderColor: colours[i % colours.length], spanGaps: true }, dataset);
        }),
      },
      options: { animation: false, responsive: false, plugins: { title: { display: true, text: spec.title } } },
    });
  });
  document.body.setAttribute('data-charts-drawn', String(specs.length));
})();
</script>
</body>
</html>
`;
}
