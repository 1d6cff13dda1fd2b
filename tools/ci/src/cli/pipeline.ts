/* `make ci`: the delivery chain in order, with a stage table (see tools/ci/README.md). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { choiceOption, parseCliArgs } from '../cli-options';
import { formatFailure, formatStageTable, runPipeline, type PipelineStage } from '../pipeline';
import { runCli } from '../run-cli';

const HELP = `Usage: make ci [STAGE=dev] [SERVICES=a,b] [DEPLOY=local|aws] [BASE_URL=…]
       npx tsx tools/ci/src/cli/pipeline.ts [--deploy local|aws] [--stage dev] [--services a,b] [--base-url URL]

Runs the delivery chain and stops at the first failing stage:
  validate → test → build → deploy → canary → evidence
With --deploy local (the default; no AWS needed) "deploy" starts the local stack (tools/local) and
"canary" runs the end-to-end suite against its gateway; the stack is stopped at the end.
With --deploy aws, "deploy" is \`make deploy STAGE=…\` and "canary" runs against --base-url.
Prints each stage with its duration, then a table; writes reports/pipeline.json.
`;

function lines(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) log(part);
  });
  stream?.on('end', () => {
    if (buffered) log(buffered);
  });
}

/** Runs `make <args>`, streaming its output to `log`; rejects with its exit code. */
function make(args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('make', ['--no-print-directory', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    lines(child.stdout, log);
    lines(child.stderr, log);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`make ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** The local stack, started by the deploy stage and stopped when the run ends. */
class LocalStack {
  private child: ChildProcess | undefined;

  start(port: number, services: string | undefined, log: (line: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      // node --import tsx: one process, so Ctrl-C reaches the stack's own handler (see tools/local/README.md).
      const args = [
        '--import',
        'tsx',
        'tools/local/src/cli/dev.ts',
        ...(services ? ['--services', services] : []),
      ];
      const child = spawn(process.execPath, args, {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, GATEWAY_PORT: String(port), FORCE_COLOR: '0' },
      });
      this.child = child;
      let ready = false;
      const timer = setTimeout(
        () => reject(new Error('the local stack was not ready within 180 s')),
        180_000,
      );
      const watch = (line: string): void => {
        log(line);
        if (!ready && /^ready in \d+(\.\d+)? s$/.test(line.trim())) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      };
      lines(child.stdout, watch);
      lines(child.stderr, log);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`the local stack exited with ${code} before it was ready`));
      });
    });
  }

  async stop(log: (line: string) => void): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGINT');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    log('local stack stopped');
  }
}

void runCli('pipeline', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      deploy: { type: 'string' },
      stage: { type: 'string' },
      services: { type: 'string' },
      'base-url': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const deploy = choiceOption(values.deploy, 'deploy', ['local', 'aws'] as const, 'local');
  const stage = values.stage || 'dev';
  const services = values.services || undefined;
  const port = Number(values.port ?? process.env['GATEWAY_PORT'] ?? 3000);
  const selection = services ? [`SERVICES=${services}`] : [];
  const stack = new LocalStack();
  let baseUrl = values['base-url'];

  const stages: PipelineStage[] = [
    {
      name: 'validate',
      description: 'lint, typecheck, serverless config, policy, secrets, workflows',
      run: (log) => make(['validate', ...selection], log),
    },
    {
      name: 'test',
      description: 'unit + integration tests (DynamoDB Local)',
      run: (log) => make(['test'], log),
    },
    {
      name: 'build',
      description: `serverless package + manifests (${stage})`,
      // Without AWS, the stage values come from .ci/stages.env (dev trusts the local dev issuer).
      run: (log) =>
        make(
          [
            'build',
            `STAGE=${stage}`,
            ...selection,
            ...(deploy === 'local' ? [`STAGE_CONFIG_FILE=${join(process.cwd(), '.ci', 'stages.env')}`] : []),
          ],
          log,
        ),
    },
    deploy === 'local'
      ? {
          name: 'deploy',
          description: `local stack on :${port} (stands in for deploy to ${stage})`,
          run: async (log) => {
            await stack.start(port, services, log);
            baseUrl = `http://127.0.0.1:${port}`;
          },
        }
      : {
          name: 'deploy',
          description: `serverless deploy to ${stage}`,
          run: (log) => make(['deploy', `STAGE=${stage}`, ...selection], log),
        },
    {
      name: 'canary',
      description: 'end-to-end suite against the deployed base URL',
      run: async (log) => {
        if (!baseUrl) throw new Error('no base URL: pass --base-url (BASE_URL=) with --deploy aws');
        await make(['canary', `STAGE=${stage}`, `BASE_URL=${baseUrl}`, ...selection], log);
      },
    },
    {
      name: 'evidence',
      description: 'JUnit, coverage, SARIF, SBOM, manifests → evidence/',
      run: (log) => make(['evidence', `STAGE=${stage}`, ...selection], log),
    },
  ];

  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  let results;
  try {
    results = await runPipeline(stages, print);
  } finally {
    await stack.stop(print);
  }
  print('');
  print(formatStageTable(results));
  mkdirSync('reports', { recursive: true });
  writeFileSync(
    join('reports', 'pipeline.json'),
    `${JSON.stringify(
      results.map(({ tail: _tail, ...result }) => result),
      null,
      2,
    )}\n`,
  );
  const failure = results.find((result) => result.status === 'failed');
  if (failure) {
    print('');
    print(formatFailure(failure));
    return 1;
  }
  return 0;
});
