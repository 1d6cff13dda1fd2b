import { spawn } from 'node:child_process';
import {
  listProcesses,
  processesMentioning,
  processTree,
  readProcess,
  residentKib,
  stillRunning,
} from '../src/process-table';

describe('process table', () => {
  it('reads this process, its tree, its memory, and who mentions a marker', async () => {
    const marker = `marker-${process.pid}-${Date.now()}`;
    // sh runs sleep as a child (it waits for it, then echoes): a tree of two, the marker in sh's arguments.
    const shell = spawn('sh', ['-c', 'sleep 30; echo done', marker], { stdio: 'ignore' });
    const pid = shell.pid ?? 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const self = readProcess(process.pid);
      expect(self?.ppid).toBe(process.ppid);
      expect(self?.command).toMatch(/node/);
      expect(processTree(process.pid).map((entry) => entry.pid)).toContain(pid);
      expect(processesMentioning([marker]).map((entry) => entry.pid)).toEqual([pid]);
      expect(residentKib(process.pid)).toBeGreaterThan(10_000);
      expect(listProcesses().length).toBeGreaterThan(2);

      const tree = processTree(pid);
      expect(tree.map((entry) => entry.command)).toEqual([`sh -c sleep 30; echo done ${marker}`, 'sleep 30']);
      const exited = new Promise((resolve) => shell.once('exit', resolve));
      for (const entry of tree) process.kill(entry.pid, 'SIGKILL');
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stillRunning(tree)).toEqual([]);
    } finally {
      shell.kill('SIGKILL');
    }
  });

  it('does not confuse port 4000 with port 40000', () => {
    const entries = [
      { pid: 1, ppid: 0, pgid: 1, startTime: 1, state: 'S', command: 'node offline --httpPort 40000' },
      {
        pid: 2,
        ppid: 0,
        pgid: 2,
        startTime: 1,
        state: 'S',
        command: 'node offline --httpPort 4000 --lambdaPort 4001',
      },
    ];
    expect(processesMentioning(['--httpPort 4000'], entries).map((entry) => entry.pid)).toEqual([2]);
  });

  it('knows nothing of a process that is gone', () => {
    expect(readProcess(2 ** 22 + 1)).toBeUndefined();
    expect(residentKib(2 ** 22 + 1)).toBeUndefined();
  });
});
