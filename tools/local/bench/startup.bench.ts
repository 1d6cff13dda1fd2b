// Time from starting the local stack (`node --import tsx tools/local/src/cli/dev.ts`, what
// `make dev` should run) to its `ready in N.N s` line, for every service, run after run.
// - cold (run 1): as a fresh clone's first `make dev` after `npm ci`: an empty Nx workspace-data
//   folder (the project graph is computed from scratch) and no dev issuer key yet (one is generated),
//   both in temporary folders (NX_WORKSPACE_DATA_DIRECTORY, DEV_ISSUER_DIR); the OS file cache
//   cannot be emptied here, so files may still be in memory;
// - warm (the others): the workspace as it is.
//
//   npx tsx tools/local/bench/startup.bench.ts        (BENCH_RUNS=3, BENCH_SERVICES=catalog,inventory,orders)
//
// Prints a table and writes reports/bench/local-startup.json. A benchmark: it asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftoverProcesses, spawnDevStack } from '../src/dev-stack-process';
import { round1, writeBenchReport } from './bench-report';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SERVICES = process.env['BENCH_SERVICES'] ?? 'catalog,inventory,orders';

interface Run {
  run: number;
  kind: 'cold' | 'warm';
  /** From spawning the CLI to reading its ready line. */
  spawnToReadySec: number;
  /** What the CLI printed: from its own process start to ready. */
  printedReadySec: number;
  /** DynamoDB Local's own start-up, as printed. */
  dynamodbReadySec: number | undefined;
  stopSec: number;
  /** Processes of the stack still running after its stop (should be none; killed if any). */
  leftover: number;
}

async function main(): Promise<void> {
  const runs: Run[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    const fresh = run === 1 ? mkdtempSync(join(tmpdir(), 'startup-bench-')) : undefined;
    const env = fresh
      ? { NX_WORKSPACE_DATA_DIRECTORY: join(fresh, 'nx'), DEV_ISSUER_DIR: join(fresh, 'dev-issuer') }
      : {};
    const stack = await spawnDevStack({ args: ['--only', SERVICES], env });
    const printed = Number(/^ready in (\d+\.\d) s$/.exec(stack.readyLine)?.[1]);
    const dynamo = stack
      .output()
      .map((line) => /^dynamodb +ready on \S+ in (\d+\.\d) s$/.exec(line)?.[1])
      .find((value) => value !== undefined);
    const info = await stack.info();
    const before = stack.processes();
    const stopped = await stack.stop('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const left = leftoverProcesses(before, info);
    for (const entry of left) {
      console.log(`  left running after the stop, killed: pid ${entry.pid} ${entry.command.slice(0, 100)}`);
      process.kill(entry.pid, 'SIGKILL');
    }
    if (fresh) rmSync(fresh, { recursive: true, force: true });
    runs.push({
      run,
      kind: run === 1 ? 'cold' : 'warm',
      spawnToReadySec: round1(stack.spawnToReadyMs / 1000),
      printedReadySec: printed,
      dynamodbReadySec: dynamo === undefined ? undefined : Number(dynamo),
      stopSec: round1(stopped.stopMs / 1000),
      leftover: left.length,
    });
    console.log(
      `run ${run} (${run === 1 ? 'cold' : 'warm'}): ready ${round1(stack.spawnToReadyMs / 1000)} s from spawn ` +
        `(printed "${stack.readyLine}", DynamoDB Local ${dynamo ?? '?'} s), stopped in ${round1(stopped.stopMs / 1000)} s`,
    );
  }
  const warm = runs
    .filter((run) => run.kind === 'warm')
    .map((run) => run.spawnToReadySec)
    .sort((a, b) => a - b);
  const middle = (warm.length - 1) / 2;
  const median =
    warm.length > 0
      ? round1(((warm[Math.floor(middle)] ?? 0) + (warm[Math.ceil(middle)] ?? 0)) / 2)
      : undefined;
  console.log(`\ncold: ${runs[0]?.spawnToReadySec ?? '?'} s, warm median: ${median ?? '?'} s (${SERVICES})`);
  writeBenchReport('local-startup', {
    unit: 'seconds from spawning tools/local/src/cli/dev.ts (node --import tsx) to its ready line',
    cold: 'run 1: fresh Nx workspace data and dev issuer key (temporary folders); OS file cache as it was',
    services: SERVICES.split(','),
    runs,
    coldSec: runs[0]?.spawnToReadySec,
    warmMedianSec: median,
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
