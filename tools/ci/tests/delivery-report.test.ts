import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { coverageRecordsFrom, readCoverageRecords } from '../src/coverage-history';
import { readDeployRecords } from '../src/delivery-history';
import { computeDeliveryKpis } from '../src/delivery-kpis';
import { renderReportHtml, renderReportMarkdown, serviceOwners } from '../src/delivery-report';

const workspaceRoot = join(__dirname, '../../..');
const fixtures = join(__dirname, 'fixtures/history');
const window = { since: new Date('2026-11-09T00:00:00Z'), until: new Date('2026-12-07T00:00:00Z') };
const deploys = readDeployRecords(join(fixtures, 'deploys.jsonl'));
const coverage = readCoverageRecords(join(fixtures, 'coverage.jsonl'));
/** The part of a browser canvas the test reads (tools/ci compiles without the DOM library). */
interface CanvasLike {
  id: string;
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
const owners = { catalog: 'team-shop', inventory: 'team-shop', orders: 'team-orders' };
const report = computeDeliveryKpis({ deploys, coverage, owners, window });

describe('computeDeliveryKpis on the fixture history (4 weeks of prod deploys)', () => {
  const service = (name: string) => report.services.find((s) => s.name === name);
  const team = (name: string) => report.teams.find((t) => t.name === name);

  it('counts only successful prod deploys inside the window, per week', () => {
    expect(report.weeks).toBe(4);
    expect(report.services.map((s) => [s.name, s.deployments, s.deploymentsPerWeek])).toEqual([
      ['catalog', 3, 0.75],
      ['inventory', 2, 0.5],
      ['orders', 2, 0.5],
    ]);
  });

  it('takes the median hours from the deployed commit to the end of its deploy as lead time', () => {
    expect(service('catalog')?.leadTimeHours).toBe(4); // 4, 2, 24
    expect(service('inventory')?.leadTimeHours).toBe(7); // 6, 8
    expect(service('orders')?.leadTimeHours).toBe(6.5); // 3, 10
  });

  it('divides failed prod deploys by all prod deploys for the change failure rate', () => {
    expect(service('catalog')?.changeFailureRate).toBe(0.25);
    expect(service('inventory')?.changeFailureRate).toBe(0);
    expect(service('orders')?.changeFailureRate).toBe(0.6);
  });

  it('measures time to restore from the first failure of a run to the next success, and counts unrestored runs', () => {
    expect(service('catalog')).toMatchObject({ timeToRestoreHours: 3, unrestored: 0 });
    expect(service('inventory')).toMatchObject({ timeToRestoreHours: null, unrestored: 0 });
    expect(service('orders')).toMatchObject({ timeToRestoreHours: 6, unrestored: 1 });
  });

  it("follows each service's line coverage from its first to its last measurement in the window", () => {
    expect(service('catalog')?.coverage).toEqual({ first: 80, last: 85.5, delta: 5.5 });
    expect(service('inventory')?.coverage).toEqual({ first: 90, last: 88, delta: -2 });
    expect(service('orders')?.coverage).toEqual({ first: 75, last: 81, delta: 6 });
    expect(report.coverageSeries['orders']?.map((p) => p.linesPct)).toEqual([75, 78, 81]);
  });

  it("pools a team's services", () => {
    expect(team('team-shop')).toEqual({
      name: 'team-shop',
      services: ['catalog', 'inventory'],
      deployments: 5,
      deploymentsPerWeek: 1.25,
      leadTimeHours: 6,
      changeFailureRate: 0.1667,
      timeToRestoreHours: 3,
      unrestored: 0,
      coverage: { first: 85, last: 86.75, delta: 1.75 },
    });
    expect(team('team-orders')).toMatchObject({
      services: ['orders'],
      deployments: 2,
      changeFailureRate: 0.6,
    });
  });

  it('refuses a window that ends before it starts', () => {
    expect(() =>
      computeDeliveryKpis({
        deploys,
        coverage,
        owners,
        window: { since: window.until, until: window.since },
      }),
    ).toThrow('the report window must end after it starts');
  });
});

describe('serviceOwners', () => {
  it('reads custom.owner of every service', () => {
    expect(serviceOwners(workspaceRoot)).toEqual({
      catalog: 'team-catalog',
      inventory: 'team-inventory',
      orders: 'team-orders',
    });
  });

  it('refuses a service without an owner, naming its file', () => {
    const root = mkdtempSync(join(tmpdir(), 'owners-'));
    mkdirSync(join(root, 'apps/lonely'), { recursive: true });
    writeFileSync(join(root, 'apps/lonely/serverless.yml'), 'service: lonely\ncustom: {}\n');
    expect(() => serviceOwners(root)).toThrow(/apps\/lonely\/serverless.yml has no custom.owner/);
  });
});

describe('coverageRecordsFrom', () => {
  it("records each project's line coverage from its coverage-summary.json, leaving out projects with no source lines and the combined report", () => {
    const root = mkdtempSync(join(tmpdir(), 'coverage-'));
    for (const [dir, lines] of [
      ['apps/catalog', { pct: 91.2, total: 250 }],
      ['tools/bootstrap', { pct: 'Unknown', total: 0 }],
      ['combined', { pct: 95, total: 9000 }],
    ] as const) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'coverage-summary.json'), JSON.stringify({ total: { lines } }));
    }
    expect(
      coverageRecordsFrom(
        root,
        { sha: 'f'.repeat(40), committedAt: '2026-12-01T00:00:00Z' },
        new Date('2026-12-02T00:00:00Z'),
      ),
    ).toEqual([
      {
        schema: 'serverless-factory/coverage@1',
        project: 'apps/catalog',
        sha: 'f'.repeat(40),
        committedAt: '2026-12-01T00:00:00Z',
        recordedAt: '2026-12-02T00:00:00.000Z',
        linesPct: 91.2,
      },
    ]);
  });
});

describe('renderReportMarkdown', () => {
  it('writes one row per service and per team with the KPIs', () => {
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('# Delivery report: prod, 2026-11-09 to 2026-12-07');
    expect(markdown).toContain('| orders | 2 | 0.5 | 6.5 h | 60 % | 6 h | 1 | 81 % (+6 from 75 %) |');
    expect(markdown).toContain(
      '| team-shop (catalog, inventory) | 5 | 1.25 | 6 h | 16.7 % | 3 h | 0 | 86.75 % (+1.75 from 85 %) |',
    );
  });
});

describe('make report (tools/ci/src/cli/report.ts)', () => {
  it('writes report.md and report.html from the history files', () => {
    const out = mkdtempSync(join(tmpdir(), 'report-'));
    const result = spawnSync(
      process.execPath,
      [
        join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'),
        'tools/ci/src/cli/report.ts',
        '--deploys',
        join(fixtures, 'deploys.jsonl'),
        '--coverage',
        join(fixtures, 'coverage.jsonl'),
        '--until',
        '2026-12-07T00:00:00Z',
        '--out',
        out,
      ],
      { cwd: workspaceRoot, encoding: 'utf8' },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(
      'orders           0.5 deploys/week, lead time 6.5 h, change failure rate 0.6, time to restore 6 h',
    );
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| team-orders (orders) | 2 | 0.5 |');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    rmSync(out, { recursive: true, force: true });
  }, 60_000);

  it('measures the stage deployed last when the history has no prod deploy (a local make ci), saying so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-dev-'));
    const deploys = join(dir, 'deploys.jsonl');
    const record = (service: string, finishedAt: string) =>
      JSON.stringify({
        schema: 'serverless-factory/deploy@1',
        service,
        stage: 'dev',
        sha: 'a'.repeat(40),
        committedAt: '2026-12-06T10:00:00Z',
        startedAt: finishedAt,
        finishedAt,
        durationMs: 1000,
        status: 'succeeded',
        changes: 1,
      });
    writeFileSync(
      deploys,
      `${record('catalog', '2026-12-06T11:00:00Z')}\n${record('orders', '2026-12-06T12:00:00Z')}\n`,
    );
    const result = spawnSync(
      process.execPath,
      [
        join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'),
        'tools/ci/src/cli/report.ts',
        '--deploys',
        deploys,
        '--coverage',
        join(dir, 'none.jsonl'),
        '--until',
        '2026-12-07T00:00:00Z',
        '--out',
        dir,
      ],
      { cwd: workspaceRoot, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('no prod deploy in the history: measuring dev');
    expect(result.stdout).toContain('orders           0.25 deploys/week, lead time 2 h');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('the HTML report in headless Chromium (Debian /usr/bin/chromium)', () => {
  it('draws every chart (no canvas left blank) with no console error and no request off the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-html-'));
    const page = join(dir, 'report.html');
    const html = renderReportHtml(report);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    writeFileSync(page, html);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(`file://${page}`);
      await tab.waitForSelector('body[data-charts-drawn]');
      const canvases = await tab.$$eval('canvas', (elements) =>
        elements.map((element) => {
          const canvas = element as unknown as CanvasLike;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted += 1;
          return { id: canvas.id, painted };
        }),
      );
      expect(canvases.map((c) => c.id)).toEqual([
        'chart-deploys',
        'chart-lead-time',
        'chart-change-failure-rate',
        'chart-time-to-restore',
        'chart-coverage',
        'chart-teams',
      ]);
      for (const canvas of canvases)
        expect({ id: canvas.id, blank: canvas.painted < 500 }).toEqual({ id: canvas.id, blank: false });
      expect(await tab.getAttribute('body', 'data-charts-drawn')).toBe('6');
      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
