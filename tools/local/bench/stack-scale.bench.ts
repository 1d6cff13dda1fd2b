// `make dev` for a workspace of many teams: in a temporary clone of this repository (never in the
// repository itself), first the three sample services alone, then N services (the samples and N − 3
// made by the service generator), each run as `make dev` runs it (every service on demand). Measures
// the time to ready, the resident memory (VmRSS) of every process of the stack once idle, the
// latency of the first request to each service (which starts it) and of a second one, and the memory
// after one request to each.
//
//   npx tsx tools/local/bench/stack-scale.bench.ts [--services 30]    (make bench-stack N=30)
//
// Prints tables, writes reports/bench/stack-scale.json and stack-scale.md. Measures the committed
// code (a clone of HEAD). A benchmark: it asserts nothing, but says which goal a figure misses.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnDevStack, WORKSPACE_ROOT, type DevStackProcess } from '../src/dev-stack-process';
import { writeBenchReport } from './bench-report';
import { sampleStack } from './stack-sample';

/** The goals on a 2-core machine: 30 services. */
const GOALS = {
  readyMs: 30_000,
  samplesReadyMs: 10_000,
  idleMiB: 3 * 1024,
  afterOneEachMiB: 4 * 1024,
  firstRequestMs: 5000,
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A clone of HEAD with the repository's node_modules linked in (the same lockfile). */
function cloneWorkspace(): string {
  const parent = mkdtempSync(join(tmpdir(), 'bench-stack-'));
  const clone = join(parent, 'workspace');
  execFileSync('git', ['clone', '--quiet', '--local', WORKSPACE_ROOT, clone], { stdio: 'inherit' });
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'));
  return clone;
}

/** Runs the service generator in `clone` for each name, in one process (`nx g` spawns Nx each time). */
function generateServices(clone: string, names: readonly string[]): void {
  const script = `
    const { flushChanges, FsTree } = require('nx/src/generators/tree');
    const { serviceGenerator } = require('./tools/generators/src/service/generator');
    (async () => {
      for (const name of ${JSON.stringify(names)}) {
        const tree = new FsTree(process.cwd(), false);
        await serviceGenerator(tree, { name });
        flushChanges(process.cwd(), tree.listChanges());
      }
    })().catch((error) => { console.error(error); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { cwd: clone, stdio: 'inherit' });
}

async function startStack(clone: string): Promise<DevStackProcess> {
  return spawnDevStack({
    entry: join(clone, 'tools/local/src/cli/dev.ts'),
    env: { NX_DAEMON: 'false', NX_CACHE_DIRECTORY: join(clone, '.nx', 'cache'), SERVICES: '', ONLY: '' },
    readyTimeoutMs: 300_000,
  });
}

async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: Math.round(performance.now() - started) };
}

const verdict = (ok: boolean): string => (ok ? 'meets' : 'MISSES');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { services: { type: 'string', default: '30' } } });
  const count = Number(values.services);
  if (!Number.isInteger(count) || count < 3) throw new Error('--services must be a whole number ≥ 3');

  say(`cloning ${WORKSPACE_ROOT} (HEAD) into a temporary folder`);
  const clone = cloneWorkspace();
  try {
    say('the three samples alone: make dev');
    const samples = await startStack(clone);
    const samplesReadyMs = Math.round(samples.spawnToReadyMs);
    say(`  ${samples.readyLine} (spawn to ready ${(samplesReadyMs / 1000).toFixed(1)} s)`);
    await samples.stop('SIGINT');

    const generated = Array.from(
      { length: count - 3 },
      (_, index) => `team${String(index + 1).padStart(2, '0')}`,
    );
    say(`generating ${generated.length} services with the service generator`);
    const generatedAt = performance.now();
    generateServices(clone, generated);
    say(`  generated in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

    say(`${count} services: make dev`);
    const stack = await startStack(clone);
    const readyMs = Math.round(stack.spawnToReadyMs);
    say(`  ${stack.readyLine} (spawn to ready ${(readyMs / 1000).toFixed(1)} s)`);
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const idle = sampleStack(stack);
      say(`  idle: ${idle.totalMiB} MiB over ${idle.processes.length} processes`);

      const names = (await stack.info()).services.map((service) => service.name);
      const requests: Array<{
        service: string;
        first: { status: number; ms: number };
        second: { status: number; ms: number };
      }> = [];
      for (const service of names) {
        const first = await timedGet(`${stack.gatewayUrl}/${service}/health`);
        const second = await timedGet(`${stack.gatewayUrl}/${service}/health`);
        requests.push({ service, first, second });
        say(
          `  ${service.padEnd(10)} first ${String(first.ms).padStart(5)} ms (${first.status})   second ${String(second.ms).padStart(4)} ms (${second.status})`,
        );
      }
      const afterOneEach = sampleStack(stack);
      say(
        `  after one request to each: ${afterOneEach.totalMiB} MiB over ${afterOneEach.processes.length} processes`,
      );

      const firstMs = requests.map((request) => request.first.ms);
      const worstFirstMs = Math.max(...firstMs);
      const medianFirstMs = [...firstMs].sort((a, b) => a - b)[Math.floor(firstMs.length / 2)] ?? 0;
      const figures = {
        services: count,
        samplesReadyMs,
        readyMs,
        idle,
        afterOneEach,
        firstRequest: { medianMs: medianFirstMs, worstMs: worstFirstMs },
        secondRequest: { worstMs: Math.max(...requests.map((request) => request.second.ms)) },
        non200: requests.filter((request) => request.first.status !== 200 || request.second.status !== 200)
          .length,
        requests,
        goals: GOALS,
      };
      writeBenchReport('stack-scale', figures);

      const rows = [
        [
          'ready, the three samples',
          `${(samplesReadyMs / 1000).toFixed(1)} s`,
          '≤ 10 s',
          verdict(samplesReadyMs <= GOALS.samplesReadyMs),
        ],
        [
          `ready, ${count} services`,
          `${(readyMs / 1000).toFixed(1)} s`,
          '≤ 30 s',
          verdict(readyMs <= GOALS.readyMs),
        ],
        [
          'resident memory, idle',
          `${(idle.totalMiB / 1024).toFixed(2)} GiB`,
          '≤ 3 GiB',
          verdict(idle.totalMiB <= GOALS.idleMiB),
        ],
        [
          'after one request to each',
          `${(afterOneEach.totalMiB / 1024).toFixed(2)} GiB`,
          '≤ 4 GiB',
          verdict(afterOneEach.totalMiB <= GOALS.afterOneEachMiB),
        ],
        [
          'first request (starts the service), worst',
          `${(worstFirstMs / 1000).toFixed(2)} s`,
          '≤ 5 s',
          verdict(worstFirstMs <= GOALS.firstRequestMs),
        ],
        ['first request, median', `${(medianFirstMs / 1000).toFixed(2)} s`, '', ''],
        ['second request, worst', `${figures.secondRequest.worstMs} ms`, '', ''],
        ['answers other than 200', String(figures.non200), '0', verdict(figures.non200 === 0)],
      ];
      const markdown = [
        `# make dev with ${count} services`,
        '',
        `Measured ${new Date().toISOString()} in a temporary clone of HEAD (every service on demand, as \`make dev\` starts them).`,
        '',
        '| figure | measured | goal | |',
        '| --- | --- | --- | --- |',
        ...rows.map((row) => `| ${row.join(' | ')} |`),
        '',
      ].join('\n');
      const mdPath = join(WORKSPACE_ROOT, 'reports', 'bench', 'stack-scale.md');
      mkdirSync(join(WORKSPACE_ROOT, 'reports', 'bench'), { recursive: true });
      writeFileSync(mdPath, markdown);
      say(`\n${markdown}`);
      say(`written: ${relative(WORKSPACE_ROOT, mdPath)}`);
    } finally {
      await stack.stop('SIGINT');
    }
  } finally {
    rmSync(join(clone, '..'), { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
