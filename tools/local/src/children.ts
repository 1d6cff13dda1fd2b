import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import type { OrphanReaper } from './orphan-reaper';
import { listProcesses } from './process-table';

/** How a child ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process of the stack, in its own process group so that its descendants stop with it. */
export interface StackChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  /** The last lines it printed (stdout and stderr), oldest first. */
  recentOutput(): string[];
}

/** Receives each line a child prints. */
export type LineSink = (name: string, line: string, stream: 'stdout' | 'stderr') => void;

/** Called when a child exits while the registry is not stopping. */
export type UnexpectedExitHandler = (child: StackChild, exit: ChildExit) => void;

/** Lines of a child's output kept for error messages. */
const RECENT_LINES = 40;
/** How often a stopping group is checked for remaining members. */
const GROUP_POLL_MS = 50;

/** Sends `signal` to the process group `pgid`; false when no process of it is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: the group exists but is not ours to signal; ESRCH: nothing left in it.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Whether group `pgid` still has a live process. A zombie still takes signals, and where PID 1
 * does not reap orphans (some containers) it stays forever: /proc tells the dead from the living.
 */
function groupIsAlive(pgid: number): boolean {
  return signalGroup(pgid, 0) && listProcesses().some((entry) => entry.pgid === pgid);
}

/** Resolves once no live process of group `pgid` is left, or after `timeoutMs` (false then). */
async function waitForGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupIsAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
  return true;
}

/**
 * Starts and stops the stack's child processes. Each child gets its own process group
 * (`detached`), so stopping it also stops what it started (esbuild's service process, for one);
 * if this process exits without stopping them, every remaining group is killed.
 */
export class ChildRegistry {
  private readonly children = new Set<StackChild>();
  private readonly groups = new Set<number>();
  /** Children being stopped one by one ({@link stopChild}): their exit is expected. */
  private readonly retiring = new Set<StackChild>();
  private stopping = false;
  private exitHookInstalled = false;

  constructor(
    private readonly sink: LineSink,
    private readonly onUnexpectedExit: UnexpectedExitHandler = () => undefined,
    /** Told about every child group, so that they die with this process even if it is killed. */
    private readonly reaper?: OrphanReaper,
  ) {}

  /** Spawns `command` in a new process group, its stdout and stderr read line by line. */
  spawn(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): StackChild {
    const child = spawn(command, [...args], {
      ...options,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const recent: string[] = [];
    const exited = new Promise<ChildExit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: null, signal: null }));
    });
    const entry: StackChild = { name, process: child, exited, recentOutput: () => [...recent] };
    this.children.add(entry);
    const pid = child.pid;
    if (pid !== undefined) {
      this.groups.add(pid);
      this.reaper?.watchGroup(pid);
    }
    void exited.then((exit) => {
      this.children.delete(entry);
      if (!this.stopping && !this.retiring.delete(entry)) this.onUnexpectedExit(entry, exit);
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      let buffered = '';
      const emit = (line: string): void => {
        if (!line.trim()) return;
        recent.push(line);
        if (recent.length > RECENT_LINES) recent.shift();
        this.sink(name, line, stream);
      };
      child[stream]?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) emit(line.replace(/\r$/, ''));
      });
      child[stream]?.on('end', () => {
        if (buffered) emit(buffered);
        buffered = '';
      });
    }
    this.installExitHook();
    return entry;
  }

  /** The pids of the children still running. */
  pids(): number[] {
    return [...this.children].flatMap((child) =>
      child.process.pid === undefined ? [] : [child.process.pid],
    );
  }

  /** Stops one child and its process group (SIGTERM, SIGKILL after `graceMs`); its exit is not reported. */
  async stopChild(child: StackChild, graceMs = 2500): Promise<void> {
    const pgid = child.process.pid;
    if (pgid === undefined) return;
    this.retiring.add(child);
    signalGroup(pgid, 'SIGTERM');
    if (!(await waitForGroupGone(pgid, graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      await waitForGroupGone(pgid, 1000);
    }
    await child.exited;
    this.groups.delete(pgid);
    this.reaper?.forget(pgid);
  }

  /**
   * Stops every child: SIGTERM to each process group, then SIGKILL to any group that still has a
   * process after `graceMs`. Resolves when every group is empty.
   */
  async stopAll(graceMs = 2500): Promise<void> {
    this.stopping = true;
    const groups = [...this.groups];
    for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
    await Promise.all(
      groups.map(async (pgid) => {
        if (await waitForGroupGone(pgid, graceMs)) return;
        signalGroup(pgid, 'SIGKILL');
        await waitForGroupGone(pgid, 1000);
      }),
    );
    await Promise.all([...this.children].map((child) => child.exited));
    this.groups.clear();
  }

  get size(): number {
    return this.children.size;
  }

  private installExitHook(): void {
    if (this.exitHookInstalled) return;
    this.exitHookInstalled = true;
    process.on('exit', () => {
      for (const pgid of this.groups) signalGroup(pgid, 'SIGKILL');
    });
  }
}
