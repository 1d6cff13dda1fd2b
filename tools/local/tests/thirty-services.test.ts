// A stack of thirty services, as a workspace of thirty teams has: copies of catalog in a temporary
// workspace (tests/support/service-copies.ts), run by the real stack (DynamoDB Local,
// serverless-offline, the gateway) in a process of its own, as `make dev` runs it. One started at
// once (the one being worked on), 29 on demand, at most 4 of those at once, idle after 3 s.
import { randomUUID } from 'node:crypto';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leftoverProcesses, spawnDevStack, type DevStackProcess } from '../src/dev-stack-process';
import type { StackInfo } from '../src/local-stack';
import { serviceCopies } from './support/service-copies';

const NAMES = Array.from({ length: 30 }, (_, index) => `svc${String(index + 1).padStart(2, '0')}`);
const IDLE_STOP_MS = 3000;
const MAX_ON_DEMAND = 4;

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a stack of thirty services', () => {
  let workspace: string;
  let stack: DevStackProcess;
  const lines: string[] = [];

  const entryOf = async (name: string): Promise<StackInfo['services'][number]> => {
    const entry = (await stack.info()).services.find((service) => service.name === name);
    if (!entry) throw new Error(`${name} is not in /_stack`);
    return entry;
  };
  const health = async (name: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${stack.gatewayUrl}/${name}/health`, {
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    const copies = serviceCopies(NAMES, 'local-stack-thirty-');
    workspace = copies.workspace;
    // One team's serverless.yml is broken (a key osls does not know).
    appendFileSync(join(workspace, 'apps', 'svc30', 'serverless.yml'), 'bogusTop: 1\n');
    stack = await spawnDevStack({
      entry: join(__dirname, 'fixtures', 'stack-of-copies.ts'),
      args: [workspace, NAMES.join(','), 'svc01', String(IDLE_STOP_MS), String(MAX_ON_DEMAND)],
      onLine: (line) => lines.push(line),
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('is ready with all thirty behind the gateway, svc01 running and the other 29 not started', async () => {
    const info = await stack.info();
    expect(info.services).toHaveLength(30);
    const running = info.services.filter((service) => isAlive(service.pid)).map((service) => service.name);
    expect(running).toEqual(['svc01']);
    expect(
      info.services.filter((service) => service.start === 'on-demand' && service.status === 'stopped'),
    ).toHaveLength(29);
    expect(await health('svc01')).toEqual({ status: 200, body: { status: 'ok' } });
  }, 60_000);

  it('starts a service on its first request through the gateway, and on an invoke of one of its functions', async () => {
    expect((await entryOf('svc07')).status).toBe('stopped');
    expect(await health('svc07')).toEqual({ status: 200, body: { status: 'ok' } });
    const svc07 = await entryOf('svc07');
    expect({ status: svc07.status, alive: isAlive(svc07.pid) }).toEqual({ status: 'ready', alive: true });

    const invoked = await fetch(
      `${(await entryOf('svc09')).lambdaEndpoint}/2015-03-31/functions/svc09-local-health/invocations`,
      { method: 'POST', body: JSON.stringify({}), signal: AbortSignal.timeout(60_000) },
    );
    expect(invoked.status).toBe(200);
    const svc09 = await entryOf('svc09');
    expect({ status: svc09.status, alive: isAlive(svc09.pid) }).toEqual({ status: 'ready', alive: true });
  }, 120_000);

  it(`runs at most ${MAX_ON_DEMAND} started on demand at once, stopping the least recently used`, async () => {
    const oldest = await entryOf('svc07');
    for (const name of ['svc10', 'svc11', 'svc12', 'svc13']) {
      expect({ name, ...(await health(name)) }).toEqual({ name, status: 200, body: { status: 'ok' } });
    }
    const info = await stack.info();
    const onDemandRunning = info.services
      .filter((service) => service.start === 'on-demand' && isAlive(service.pid))
      .map((service) => service.name);
    expect(onDemandRunning.length).toBeLessThanOrEqual(MAX_ON_DEMAND);
    expect(onDemandRunning).toContain('svc13');
    expect((await entryOf('svc07')).status).toBe('stopped');
    expect(isAlive(oldest.pid)).toBe(false);
  }, 180_000);

  it('stops a service started on demand once idle, and starts it again on its next request', async () => {
    const before = await entryOf('svc13');
    expect(before.status).toBe('ready');
    const deadline = performance.now() + 30_000;
    while (
      ((await entryOf('svc13')).status !== 'stopped' || isAlive(before.pid)) &&
      performance.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await entryOf('svc13')).status).toBe('stopped');
    expect(isAlive(before.pid)).toBe(false);
    expect(lines.some((line) => /svc13 .*idle for 3 s: stopped/.test(line))).toBe(true);

    expect(await health('svc13')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await entryOf('svc13')).status).toBe('ready');
  }, 90_000);

  it('answers with the edited handler of svc01 (started at once) after it is saved, without a restart', async () => {
    const pid = (await entryOf('svc01')).pid;
    const revision = randomUUID();
    writeFileSync(
      join(workspace, 'apps', 'svc01', 'src', 'handlers', 'health.ts'),
      `export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ok', revision: '${revision}' }) });\n`,
    );
    let seen: unknown;
    const deadline = performance.now() + 90_000;
    while (performance.now() < deadline) {
      seen = (await health('svc01').catch(() => ({ body: undefined }))).body;
      if ((seen as { revision?: unknown } | undefined)?.revision === revision) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(seen).toEqual({ status: 'ok', revision });
    expect((await entryOf('svc01')).pid).toBe(pid);
  }, 120_000);

  it("answers 503 with serverless's own reason for a service whose serverless.yml is broken, and the others go on answering", async () => {
    const response = await fetch(`${stack.gatewayUrl}/svc30/health`, { signal: AbortSignal.timeout(60_000) });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { detail?: string };
    expect(problem.detail).toMatch(
      /^svc30 did not start: Configuration error at root: unrecognized property 'bogusTop' \(the stack's output has the rest\)$/,
    );
    expect(lines.some((line) => line.includes("unrecognized property 'bogusTop'"))).toBe(true);
    expect((await entryOf('svc30')).status).toBe('stopped');
    expect(await health('svc02')).toEqual({ status: 200, body: { status: 'ok' } });
  }, 120_000);

  it('stops on Ctrl-C and leaves no process of the stack', async () => {
    const info = await stack.info();
    const before = stack.processes();
    const stopped = await stack.stop();
    expect(stopped.code).toBe(0);
    expect(leftoverProcesses(before, info)).toEqual([]);
  }, 60_000);
});
