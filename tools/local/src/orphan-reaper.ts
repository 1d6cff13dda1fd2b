import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The reaper's program, run with `node -e`: it reads `group <pgid>`, `pid <pid>`, `forget <id>` and
 * `done` lines on stdin, and exits at `done`. When stdin ends first — the stack's process died
 * without stopping its children (SIGKILL, a crash, a launcher that killed it) — it sends SIGTERM to
 * every group and pid it was told about, SIGKILL two seconds later to what is left, and exits.
 */
const REAPER_PROGRAM = `
const groups = new Set(), pids = new Set();
let buffered = '';
const send = (signal) => {
  for (const g of groups) { try { process.kill(-g, signal); } catch {} }
  for (const p of pids) { try { process.kill(p, signal); } catch {} }
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\\n');
  buffered = lines.pop();
  for (const line of lines) {
    const [verb, id] = line.split(' ');
    const n = Number(id);
    if (verb === 'group') groups.add(n);
    else if (verb === 'pid') pids.add(n);
    else if (verb === 'forget') { groups.delete(n); pids.delete(n); }
    else if (verb === 'done') process.exit(0);
  }
});
process.stdin.on('end', () => {
  send('SIGTERM');
  setTimeout(() => { send('SIGKILL'); process.exit(0); }, 2000);
});
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
`;

/** Tells a reaper process what to clean up if this process dies without doing it. */
export interface OrphanReaper {
  /** Kill this process group (a child spawned `detached`) if this process dies. */
  watchGroup(pgid: number): void;
  /** Kill this process (not a group leader: DynamoDB Local's java) if this process dies. */
  watchPid(pid: number): void;
  /** It was stopped properly: nothing to do for it any more. */
  forget(id: number): void;
  /** Everything was stopped properly: the reaper exits without killing anything (resolves once it has). */
  release(): Promise<void>;
}

/**
 * Starts a small watchdog process (`node -e`, in its own process group, about 40 MB) connected to
 * this one by a pipe. If this process dies without releasing it — even by SIGKILL, which runs no
 * exit hook — the pipe closes and the reaper stops every child group and pid it was told about, so
 * no serverless-offline or esbuild process outlives the stack. It does not keep this process alive.
 *
 * @example
 * const reaper = startOrphanReaper();
 * const child = spawn('npx', ['serverless', 'offline', 'start'], { detached: true });
 * if (child.pid !== undefined) reaper.watchGroup(child.pid);
 * // … on a clean stop:
 * await reaper.release();
 */
export function startOrphanReaper(): OrphanReaper {
  const child: ChildProcess = spawn(process.execPath, ['-e', REAPER_PROGRAM], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const stdin = child.stdin;
  // The pipe must not keep this process's event loop alive either.
  (stdin as unknown as { unref?: () => void } | null)?.unref?.();
  stdin?.on('error', () => undefined);
  let released = false;
  const tell = (line: string): void => {
    if (!released && stdin && !stdin.destroyed) stdin.write(`${line}\n`);
  };
  return {
    watchGroup: (pgid) => tell(`group ${pgid}`),
    watchPid: (pid) => tell(`pid ${pid}`),
    forget: (id) => tell(`forget ${id}`),
    async release() {
      tell('done');
      released = true;
      stdin?.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
    },
  };
}
