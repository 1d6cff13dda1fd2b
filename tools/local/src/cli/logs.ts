/* `make logs SERVICE=… [FOLLOW=1]`: a service's recent log lines from the running local stack (its
 * console keeps the last 500 per service). `--help` for usage. */
import { parseArgs } from 'node:util';
import { parsePort } from '../cli-options';
import { UsageError } from '../errors';
import { runCli } from '../run-cli';
import { printServiceLogs } from '../service-logs';

const HELP = `Usage: make logs SERVICE=<service> [FOLLOW=1] [LINES=200]
       node --import tsx tools/local/src/cli/logs.ts --service S [--follow] [--lines N]

Prints the last lines a service of the running local stack (make dev) logged, as it printed them
(the stack keeps the last 500 per service in memory; the console shows the same at
/_console/logs/<service>). With --follow, keeps printing new lines until Ctrl-C.

  --service S     the service
  --lines N       how many recent lines (default 200)
  --follow        keep printing new lines
  GATEWAY_PORT    the running stack's gateway port (default 3000)

Exits 0; 1 when the stack cannot be reached; 2 on bad usage.
`;

void runCli('logs', async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        service: { type: 'string' },
        lines: { type: 'string', default: '200' },
        follow: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.service) throw new UsageError('--service is required (SERVICE=… with make logs)');
  const limit = Number(values.lines);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--lines must be a positive integer, not ${values.lines}`);
  const port = process.env['GATEWAY_PORT'] ? parsePort(process.env['GATEWAY_PORT'], 'GATEWAY_PORT') : 3000;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  await printServiceLogs({
    gatewayUrl: `http://127.0.0.1:${port}`,
    service: values.service,
    limit,
    write: (text) => process.stdout.write(text),
    ...(values.follow ? { follow: { intervalMs: 1000, signal: stop.signal } } : {}),
  });
  return 0;
});
