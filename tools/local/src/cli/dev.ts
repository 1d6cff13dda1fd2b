/* The local stack (`make dev`): DynamoDB Local, tables from IaC, serverless-offline per service
 * (the named ones at once, the others on their first request), and one gateway in front of them.
 * Ctrl-C (or SIGTERM) stops everything. `--help` for usage. */
import { resolve } from 'node:path';
import { DEV_HELP, parseDevArgs, STOP_ON_STDIN_END } from '../cli-options';
import { LocalStackError, UnknownServiceError } from '../errors';
import { startLocalStack } from '../local-stack';
import { assertPortFree } from '../ports';
import { runCli } from '../run-cli';
import { discoverServices } from '../services';
import { stdoutStackOutput } from '../stack-output';

const workspaceRoot = resolve(__dirname, '../../../..');

/** The reason a start-up is aborted when the developer stops it. */
class StopRequested extends LocalStackError {
  constructor(signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
    this.name = 'StopRequested';
  }
}

async function main(): Promise<number> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const options = parseDevArgs(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(DEV_HELP);
    return 0;
  }

  const stop = new AbortController();
  let stopSignal: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl-C may arrive twice (directly and relayed by tsx): the first one counts.
    if (stopSignal) return;
    stopSignal = signal;
    stop.abort(new StopRequested(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Started by a program (tests, the e2e runner) that holds our stdin: when it dies, so do we.
  if (process.env[STOP_ON_STDIN_END] === '1') {
    process.stdin.on('end', () => onSignal('SIGHUP'));
    process.stdin.resume();
  }

  // Fail at once on a taken gateway port, before anything else is done.
  if (options.gatewayPort !== 0) {
    await assertPortFree(options.gatewayPort, 'gateway', 'stop it, or set GATEWAY_PORT');
  }
  let services;
  try {
    services = await discoverServices(workspaceRoot, options.only);
  } catch (error) {
    // Ctrl-C during discovery also reaches nx (same process group), which then fails: not an error.
    if (stop.signal.aborted) return 0;
    throw error;
  }
  if (services.length === 0) {
    throw new LocalStackError('no service to run: no Nx project tagged type:app has a serverless.yml');
  }
  const names = services.map((service) => service.name);
  const unknown = Array.isArray(options.startAtOnce)
    ? options.startAtOnce.filter((name) => !names.includes(name))
    : [];
  if (unknown.length > 0) throw new UnknownServiceError(unknown, names);
  const output = stdoutStackOutput(options.json, ['dynamodb', ...services.map((service) => service.name)]);
  if (stop.signal.aborted) return 0;

  let stack;
  try {
    stack = await startLocalStack({
      workspaceRoot,
      services,
      gatewayPort: options.gatewayPort,
      output,
      dynamodbEndpoint: options.dynamodbEndpoint,
      dynamodbPort: options.dynamodbPort,
      persistDir: options.persistDir,
      gatewayConcurrency: options.gatewayConcurrency,
      startAtOnce:
        options.startAtOnce === 'all' || (options.startAtOnce === undefined && options.only !== undefined)
          ? names
          : (options.startAtOnce ?? []),
      ...(options.idleStopMs === undefined ? {} : { idleStopMs: options.idleStopMs }),
      ...(options.maxOnDemand === undefined ? {} : { maxOnDemand: options.maxOnDemand }),
      startedAt: 0,
      signal: stop.signal,
    });
  } catch (error) {
    if (error instanceof StopRequested) {
      output.notice('stopped while starting');
      return 0;
    }
    throw error;
  }

  const outcome = await Promise.race([
    new Promise<'stop'>((resolveStop) => {
      // The signal may have come between the ready line and here.
      if (stop.signal.aborted) resolveStop('stop');
      else stop.signal.addEventListener('abort', () => resolveStop('stop'), { once: true });
    }),
    stack.failed,
  ]);
  const stopping = performance.now();
  output.notice(
    outcome === 'stop' ? `stopping (${stopSignal ?? 'signal'})…` : outcome.message,
    outcome === 'stop' ? 'info' : 'error',
  );
  await stack.stop();
  output.notice(`stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
  return outcome === 'stop' ? 0 : 1;
}

void runCli('dev', main).then((code) => process.exit(code));
