/* `make info [SERVICES=a,b]`: every service's stages, URLs, functions (and what runs each) and
 * tables, read from its serverless.yml (no stack, no AWS). `--help` for usage. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePort } from '../cli-options';
import { WORKSPACE_ROOT } from '../dev-stack-process';
import { UnknownServiceError, UsageError } from '../errors';
import { runCli } from '../run-cli';
import { describeService } from '../service-info';
import { readServiceManifest, workspaceServices } from '../service-manifest';

const HELP = `Usage: make info [SERVICES=a,b]
       node --import tsx tools/local/src/cli/info.ts [--services a,b]

Prints, for each service, its stages and URLs (the local gateway; the stage's host in SSM for dev,
staging and prod), its functions with what runs them (a route, a schedule, or invoke only) and its
DynamoDB tables per stage, read from its serverless.yml.

  GATEWAY_PORT   the local gateway's port (default 3000)
`;

function parseInfoArgs(args: string[]): { services: string | undefined; help: boolean } {
  try {
    const { values } = parseArgs({
      args,
      options: { services: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    });
    return { services: values.services, help: values.help === true };
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

void runCli('info', async () => {
  const options = parseInfoArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const known = workspaceServices(WORKSPACE_ROOT);
  const wanted = options.services?.split(',').filter(Boolean) ?? known;
  const unknown = wanted.filter((service) => !known.includes(service));
  if (unknown.length > 0) throw new UnknownServiceError(unknown, known);
  const port = process.env['GATEWAY_PORT'] ? parsePort(process.env['GATEWAY_PORT'], 'GATEWAY_PORT') : 3000;
  const blocks = wanted.map((service) =>
    describeService(readServiceManifest(join(WORKSPACE_ROOT, 'apps', service)), `http://127.0.0.1:${port}`),
  );
  process.stdout.write(`${blocks.join('\n')}`);
});
