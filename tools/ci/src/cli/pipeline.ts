/* `make ci`: the delivery chain in order, with a stage table (see tools/ci/README.md). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { choiceOption, parseCliArgs } from '../cli-options';
import { formatFailure, formatStageTable, runPipeline, type PipelineStage } from '../pipeline';
import { EMULATOR_ACCOUNT_ID, startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { runCli } from '../run-cli';
import { forEachLine, runCommand } from '../run-command';

const HELP = `Usage: make ci [STAGE=dev] [SERVICES=a,b | AFFECTED=1] [DEPLOY=emulator|aws] [BASE_URL=…]
       npx tsx tools/ci/src/cli/pipeline.ts [--deploy emulator|aws] [--stage dev] [--services a,b | --affected] [--base-url URL]

Runs the delivery chain and stops at the first failing stage:
  validate → test → build → deploy → canary → fuzz → faults → evidence
With --deploy emulator (the default; no AWS account needed) "deploy" starts the AWS API emulator
(moto server) on 127.0.0.1, bootstraps the stage there (make bootstrap) and runs make deploy
against it: the real serverless deploy of the built packages, change sets saved as evidence,
deployed commits recorded in its SSM. The emulator runs no Lambda code, so "canary" starts the
local stack (tools/local) and runs the end-to-end suite through its gateway; "fuzz" runs
schemathesis (make fuzz) on the selected services' openapi.yaml through the same gateway. Both are
stopped at the end. With --deploy aws, "deploy" is make deploy against the account of the current
credentials, and "canary" and "fuzz" run against --base-url (never fuzzing prod: it writes).
"faults" (make faults) always runs here: its own DynamoDB Local behind a fault proxy, its own
local stack, DynamoDB throttling and timeouts, a late reserve, catalog 5xx and slowness, orders
killed; after each, the stock invariant and 503 + Retry-After.
Prints each stage with its duration, then a table; writes reports/pipeline.json.
`;

/** The emulator's stand-ins for the inputs of make bootstrap: it has no certificates and no DNS. */
const EMULATOR_BOOTSTRAP = {
  GITHUB_REPOSITORY: process.env['GITHUB_REPOSITORY'] || 'serverless-factory/serverless-factory',
  API_DOMAIN: 'api.dev.serverless-factory.dev',
  CERTIFICATE_ARN: `arn:aws:acm:us-east-1:${EMULATOR_ACCOUNT_ID}:certificate/00000000-0000-4000-8000-000000000000`,
};

/** The services affected between two commits (tools/ci affected.ts), as `make … AFFECTED=1` selects them. */
async function affectedList(base: string, head: string): Promise<string[]> {
  const lines: string[] = [];
  const { code } = await runCommand(
    process.execPath,
    ['--import', 'tsx', 'tools/ci/src/cli/affected.ts', '--base', base, '--head', head, '--format', 'list'],
    { log: (line) => lines.push(line) },
  );
  if (code !== 0) throw new Error(`affected.ts failed: ${lines.join('\n')}`);
  return (lines.at(-1) ?? '').split(',').filter(Boolean);
}

/** Runs `make <args>`, streaming its output to `log`; rejects with its exit code. */
async function make(args: string[], log: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<void> {
  const { code } = await runCommand('make', ['--no-print-directory', ...args], { log, env });
  if (code !== 0) throw new Error(`make ${args.join(' ')} exited with ${code}`);
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
      forEachLine(child.stdout, watch);
      forEachLine(child.stderr, log);
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
      affected: { type: 'boolean' },
      base: { type: 'string' },
      head: { type: 'string' },
      'base-url': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const deploy = choiceOption(values.deploy, 'deploy', ['emulator', 'aws'] as const, 'emulator');
  const stage = values.stage || 'dev';
  const services = values.services || undefined;
  const port = Number(values.port ?? process.env['GATEWAY_PORT'] ?? 3000);
  const selection = services ? [`SERVICES=${services}`] : values.affected ? ['AFFECTED=1'] : [];
  // Without AWS, the stage values come from .ci/stages.env (the emulator's dev trusts the local dev issuer).
  const stageConfig =
    deploy === 'emulator' ? [`STAGE_CONFIG_FILE=${join(process.cwd(), '.ci', 'stages.env')}`] : [];
  const stack = new LocalStack();
  let emulator: AwsEmulator | undefined;
  let baseUrl = values['base-url'];
  // With AFFECTED=1 and nothing affected, there is nothing to deploy, try or collect.
  const nothingAffected =
    values.affected === true &&
    (await affectedList(values.base ?? 'HEAD~1', values.head ?? 'HEAD')).length === 0;
  const skipIfNothing =
    (run: (log: (line: string) => void) => Promise<void>, what: string) =>
    async (log: (line: string) => void): Promise<void> => {
      if (nothingAffected) log(`nothing affected: ${what}`);
      else await run(log);
    };

  const stages: PipelineStage[] = [
    {
      name: 'validate',
      description: 'lint, typecheck, serverless package of every stage, cfn-lint, policy, secrets, workflows',
      run: (log) => make(['validate', ...selection], log),
    },
    {
      name: 'test',
      description: 'unit + integration tests (DynamoDB Local, the AWS API emulator)',
      run: (log) => make(['test', ...selection], log),
    },
    {
      name: 'build',
      description: `serverless package + manifests (${stage})`,
      run: (log) => make(['build', `STAGE=${stage}`, ...selection, ...stageConfig], log),
    },
    deploy === 'emulator'
      ? {
          name: 'deploy',
          description: `serverless deploy to ${stage} on the AWS API emulator (moto server)`,
          run: skipIfNothing(async (log) => {
            emulator = await startAwsEmulator({
              logFile: join(process.cwd(), 'reports', 'emulator', 'moto.log'),
            });
            log(
              `AWS API emulator (moto server) on ${emulator.endpoint}, ready in ${(emulator.startupMs / 1000).toFixed(1)} s`,
            );
            const env = emulator.processEnv({ ...process.env, ...EMULATOR_BOOTSTRAP });
            await make(['bootstrap', `STAGE=${stage}`], log, env);
            await make(['deploy', `STAGE=${stage}`, ...selection], log, env);
          }, '0 services to deploy'),
        }
      : {
          name: 'deploy',
          description: `serverless deploy to ${stage}`,
          run: (log) => make(['deploy', `STAGE=${stage}`, ...selection], log),
        },
    {
      name: 'canary',
      description:
        deploy === 'emulator'
          ? `end-to-end suite through the local stack on :${port} (the emulator runs no Lambda code)`
          : 'end-to-end suite against the deployed base URL',
      run: skipIfNothing(async (log) => {
        if (deploy === 'emulator') {
          await stack.start(port, services, log);
          baseUrl = `http://127.0.0.1:${port}`;
        }
        if (!baseUrl) throw new Error('no base URL: pass --base-url (BASE_URL=) with --deploy aws');
        await make(['canary', `STAGE=${stage}`, `BASE_URL=${baseUrl}`, ...selection], log);
      }, 'no canary'),
    },
    {
      name: 'fuzz',
      description: `schemathesis on each selected service's openapi.yaml through ${deploy === 'emulator' ? `the local stack on :${port}` : 'the deployed base URL'}`,
      run: skipIfNothing(async (log) => {
        if (stage === 'prod') {
          log('prod: no fuzzing (it writes; the canary there is read-only)');
          return;
        }
        if (!baseUrl) throw new Error('no base URL: the canary stage sets it (or pass --base-url)');
        await make(['fuzz', `BASE_URL=${baseUrl}`, ...selection], log);
      }, 'no fuzzing'),
    },
    {
      name: 'faults',
      description:
        'fault injection (make faults): its own DynamoDB Local behind a fault proxy and its own local stack; the invariant and 503 + Retry-After after each fault',
      run: skipIfNothing((log) => make(['faults'], log), 'no fault injection'),
    },
    {
      name: 'evidence',
      description: 'JUnit, coverage, SARIF, SBOM, manifests, change sets → evidence/',
      run: skipIfNothing((log) => make(['evidence', `STAGE=${stage}`, ...selection], log), 'no evidence'),
    },
  ];

  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  let results;
  try {
    results = await runPipeline(stages, print);
  } finally {
    await stack.stop(print);
    if (emulator) {
      await emulator.stop();
      print('AWS API emulator stopped');
    }
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
