/* `make invoke SERVICE=… FUNCTION=… [EVENT=file|-]`: invokes one function of the running local stack
 * through its serverless-offline Lambda endpoint (found at the gateway's /_stack), as another
 * service or a schedule would, and prints its answer. `--help` for usage. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { parsePort } from '../cli-options';
import { UsageError } from '../errors';
import { fillEventTemplate, INVOKE_SCOPES, invokeLocalFunction, lambdaEndpointOf } from '../local-invoke';
import { runCli } from '../run-cli';

const HELP = `Usage: make invoke SERVICE=<service> FUNCTION=<function> [EVENT=<file>|-] [TENANT=…] [SUB=…]
       node --import tsx tools/local/src/cli/invoke.ts --service S --function F [--event FILE|-]

Invokes <service>-local-<function> of the running local stack (make dev) through its Lambda
endpoint and prints the answer. The event is a JSON file, - for stdin, or {} when none is given.
Templates: tools/local/events/ (http-api-v2-*.json: an API Gateway v2 request; direct-*.json: a
direct invoke). In the event, {{token}} becomes a dev token (every scope; --tenant, --sub), and a
string "{{nowMs}}" or "{{nowMs+60000}}" the time in epoch milliseconds.

  --service S     the service (make info lists services and functions)
  --function F    the function, as serverless.yml names it (placeOrder, reserve, sweepHolds, …)
  --event FILE    the event (- reads stdin)
  --tenant T      the token's tenant (default demo)
  --sub S         the token's subject (default dev-user)
  GATEWAY_PORT    the running stack's gateway port (default 3000)

Exits 0 with the answer on stdout; 1 when the function failed (its error on stdout) or the stack
cannot be reached; 2 on bad usage.
`;

function parseInvokeArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        service: { type: 'string' },
        function: { type: 'string' },
        event: { type: 'string' },
        tenant: { type: 'string', default: 'demo' },
        sub: { type: 'string', default: 'dev-user' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

void runCli('invoke', async () => {
  const values = parseInvokeArgs(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!values.service || !values.function)
    throw new UsageError('give --service and --function (SERVICE=… FUNCTION=…)');
  const port = process.env['GATEWAY_PORT'] ? parsePort(process.env['GATEWAY_PORT'], 'GATEWAY_PORT') : 3000;
  const eventText =
    values.event === undefined || values.event === ''
      ? '{}'
      : readFileSync(values.event === '-' ? 0 : values.event, 'utf8');
  let template: unknown;
  try {
    template = JSON.parse(eventText);
  } catch (error) {
    throw new UsageError(`the event ${values.event ?? ''} is not JSON: ${(error as Error).message}`);
  }
  const lambdaEndpoint = await lambdaEndpointOf(`http://127.0.0.1:${port}`, values.service);
  const issuer = await loadOrCreateDevIssuer();
  const token = await issuer.mint({ sub: values.sub, tenant: values.tenant, scope: INVOKE_SCOPES });
  const event = fillEventTemplate(template, { token, nowMs: Date.now() });
  const result = await invokeLocalFunction({
    lambdaEndpoint,
    service: values.service,
    functionName: values.function,
    event,
  });
  process.stdout.write(`${JSON.stringify(result.payload, null, 2)}\n`);
  if (result.functionError !== undefined) {
    process.stderr.write(`${values.service}.${values.function} failed (${result.functionError})\n`);
    return 1;
  }
  return 0;
});
