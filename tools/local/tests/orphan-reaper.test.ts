import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../src/dev-stack-process';
import { readProcess } from '../src/process-table';

/** Starts the fixture parent and resolves with its pid and its child's. */
async function startParent(release: boolean): Promise<{ parent: number; child: number }> {
  const parent = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures', 'reaped-parent.ts'), ...(release ? ['release'] : [])],
    {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const child = await new Promise<number>((resolve) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString('utf8').trim())));
  });
  return { parent: parent.pid ?? 0, child };
}

function isAlive(pid: number): boolean {
  const entry = readProcess(pid);
  return entry !== undefined && entry.state !== 'Z';
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('startOrphanReaper', () => {
  it('stops the child groups of a process killed with SIGKILL, which runs no exit hook', async () => {
    const { parent, child } = await startParent(false);
    expect(isAlive(child)).toBe(true);
    process.kill(parent, 'SIGKILL');
    expect(await waitUntil(() => !isAlive(child), 5000)).toBe(true);
  }, 30_000);

  it('leaves everything alone once released', async () => {
    const { parent, child } = await startParent(true);
    try {
      process.kill(parent, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(isAlive(child)).toBe(true);
    } finally {
      process.kill(-child, 'SIGKILL');
    }
  }, 30_000);
});
