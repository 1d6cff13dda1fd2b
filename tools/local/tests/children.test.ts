import { ChildRegistry, type ChildExit } from '../src/children';
import { stillRunning, processTree, type ProcessEntry } from '../src/process-table';

/** Waits until `check` holds, or fails after `ms`. */
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('ChildRegistry', () => {
  it('streams each child line by line, named, and keeps the recent ones', async () => {
    const lines: string[] = [];
    const registry = new ChildRegistry((name, line, stream) => lines.push(`${name}/${stream}: ${line}`));
    const child = registry.spawn('echo', 'sh', ['-c', 'printf "one\\ntwo"; echo three >&2']);
    await child.exited;
    await eventually(() => lines.length === 3);
    expect(lines.sort()).toEqual(['echo/stderr: three', 'echo/stdout: one', 'echo/stdout: two']);
    expect(child.recentOutput().sort()).toEqual(['one', 'three', 'two']);
  });

  it('stops every child with its whole process group, grandchildren included', async () => {
    const registry = new ChildRegistry(() => undefined);
    const child = registry.spawn('tree', 'sh', ['-c', 'sleep 60 & sleep 60 & wait']);
    const pid = child.process.pid ?? 0;
    let tree: ProcessEntry[] = [];
    await eventually(() => (tree = processTree(pid)).length >= 3);
    await registry.stopAll(2000);
    expect(stillRunning(tree)).toEqual([]);
    expect(registry.size).toBe(0);
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const registry = new ChildRegistry(() => undefined);
    const child = registry.spawn('stubborn', 'sh', [
      '-c',
      'trap "" TERM; echo up; while true; do sleep 0.1; done',
    ]);
    await eventually(() => child.recentOutput().includes('up'));
    const started = Date.now();
    await registry.stopAll(300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await child.exited).signal).toBe('SIGKILL');
  });

  it('reports a child that exits on its own, but not one it was told to stop', async () => {
    const exits: Array<[string, ChildExit]> = [];
    const registry = new ChildRegistry(
      () => undefined,
      (child, exit) => exits.push([child.name, exit]),
    );
    const crashing = registry.spawn('crashing', 'sh', ['-c', 'exit 3']);
    const stopped = registry.spawn('stopped', 'sleep', ['60']);
    await crashing.exited;
    await registry.stopChild(stopped, 1000);
    await stopped.exited;
    await eventually(() => exits.length === 1);
    expect(exits).toEqual([['crashing', { code: 3, signal: null }]]);
    expect(registry.pids()).toEqual([]);
  });
});
