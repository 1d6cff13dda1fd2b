import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

/** A child process of the stack, in its own process group so that its descendants stop with it. */
export interface StackChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** Writes one line of a child's output. */
export type LineSink = (name: string, line: string, stream: 'stdout' | 'stderr') => void;

/**
 * Starts and stops the stack's child processes. Each child gets its own process group
 * (`detached`), so stopping it also stops what it started; on exit of this process every
 * remaining group is killed.
 */
export class ChildRegistry {
  private readonly children = new Set<StackChild>();
  private exitHookInstalled = false;

  constructor(private readonly sink: LineSink) {}

  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): StackChild {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', () => resolve(null));
    });
    const entry: StackChild = { name, process: child, exited };
    this.children.add(entry);
    void exited.then(() => this.children.delete(entry));
    for (const stream of ['stdout', 'stderr'] as const) {
      let buffered = '';
      child[stream]?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) this.sink(name, line, stream);
      });
    }
    this.installExitHook();
    return entry;
  }

  /** Sends SIGTERM to every group, then SIGKILL to what is left after `graceMs`. */
  async stopAll(graceMs = 3000): Promise<void> {
    const pending = [...this.children];
    for (const child of pending) signalGroup(child.process, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const child of pending) signalGroup(child.process, 'SIGKILL');
    }, graceMs);
    await Promise.all(pending.map((child) => child.exited));
    clearTimeout(timer);
  }

  get size(): number {
    return this.children.size;
  }

  private installExitHook(): void {
    if (this.exitHookInstalled) return;
    this.exitHookInstalled = true;
    process.on('exit', () => {
      for (const child of this.children) signalGroup(child.process, 'SIGKILL');
    });
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
