// The Actions API is not reachable here: a local HTTP server answers the two endpoints read, with
// bodies in the shape GitHub's REST API documents (workflow runs, jobs of a run). Not recorded from
// a real repository.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deployRecordsFromGitHub } from '../src/github-history';

const RUNS = {
  total_count: 2,
  workflow_runs: [
    {
      id: 101,
      head_sha: 'a'.repeat(40),
      created_at: '2026-12-01T10:00:00Z',
      head_commit: { timestamp: '2026-12-01T09:30:00Z' },
    },
    {
      id: 102,
      head_sha: 'b'.repeat(40),
      created_at: '2026-12-02T10:00:00Z',
      head_commit: { timestamp: '2026-12-02T08:00:00Z' },
    },
  ],
};

const JOBS: Record<string, unknown> = {
  '101': {
    jobs: [
      {
        name: 'plan (services to deploy per stage)',
        conclusion: 'success',
        started_at: '2026-12-01T10:00:10Z',
        completed_at: '2026-12-01T10:01:00Z',
      },
      {
        name: 'dev / orders to dev',
        conclusion: 'success',
        started_at: '2026-12-01T10:05:00Z',
        completed_at: '2026-12-01T10:08:00Z',
      },
      {
        name: 'prod / orders to prod',
        conclusion: 'failure',
        started_at: '2026-12-01T11:00:00Z',
        completed_at: '2026-12-01T11:06:00Z',
      },
      {
        name: 'prod / catalog to prod',
        conclusion: 'cancelled',
        started_at: '2026-12-01T11:00:00Z',
        completed_at: '2026-12-01T11:01:00Z',
      },
    ],
  },
  '102': {
    jobs: [
      {
        name: 'prod / orders to prod',
        conclusion: 'success',
        started_at: '2026-12-02T11:00:00Z',
        completed_at: '2026-12-02T11:04:00Z',
      },
    ],
  },
};

describe('deployRecordsFromGitHub', () => {
  let server: Server;
  let api: string;
  const seen: Array<{ url: string; authorization: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      const url = new URL(req.url ?? '/', 'http://localhost');
      const jobs = /^\/repos\/acme\/shop\/actions\/runs\/(\d+)\/jobs$/.exec(url.pathname);
      let body: unknown;
      if (url.pathname === '/repos/acme/shop/actions/workflows/deploy.yml/runs') body = RUNS;
      else if (jobs) body = JOBS[jobs[1] ?? ''];
      if (req.headers.authorization !== 'Bearer t0ken' || body === undefined) {
        res.writeHead(req.headers.authorization === 'Bearer t0ken' ? 404 : 401, {
          'content-type': 'application/json',
        });
        res.end('{"message":"Bad credentials"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('turns each succeeded or failed stage job of the deploy runs into a deploy record, oldest first', async () => {
    const records = await deployRecordsFromGitHub({
      repository: 'acme/shop',
      token: 't0ken',
      apiUrl: api,
      since: new Date('2026-11-10T00:00:00Z'),
    });
    expect(records).toEqual([
      {
        schema: 'serverless-factory/deploy@1',
        service: 'orders',
        stage: 'dev',
        sha: 'a'.repeat(40),
        committedAt: '2026-12-01T09:30:00Z',
        startedAt: '2026-12-01T10:05:00Z',
        finishedAt: '2026-12-01T10:08:00Z',
        durationMs: 180_000,
        status: 'succeeded',
        changes: 0,
      },
      expect.objectContaining({
        service: 'orders',
        stage: 'prod',
        status: 'failed',
        error: 'job "prod / orders to prod" failed (run 101)',
      }),
      expect.objectContaining({
        service: 'orders',
        stage: 'prod',
        status: 'succeeded',
        sha: 'b'.repeat(40),
        committedAt: '2026-12-02T08:00:00Z',
      }),
    ]);
    expect(seen[0]?.url).toBe(
      '/repos/acme/shop/actions/workflows/deploy.yml/runs?status=completed&per_page=100&page=1&created=%3E%3D2026-11-10',
    );
  });

  it('fails with the status and a hint when the token may not read Actions', async () => {
    await expect(
      deployRecordsFromGitHub({ repository: 'acme/shop', token: 'wrong', apiUrl: api, since: new Date() }),
    ).rejects.toThrow(/answered 401: .*Bad credentials.*actions: read/);
  });
});
