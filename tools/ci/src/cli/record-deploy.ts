/* Records the commit just deployed for a service and stage (see tools/ci/README.md). */
import { resolve } from 'node:path';
import { choiceOption, parseCliArgs, requiredOption } from '../cli-options';
import { createDeployedShaStore, DEPLOYED_SHA_STORE_KINDS } from '../create-deployed-sha-store';
import { isFullSha } from '../deployed-sha-store';
import { requireCommit } from '../git';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/record-deploy.ts --service <name> --stage <stage> --sha <ref> [options]

Records <sha> as the last commit of <service> deployed to <stage>. Run it only after the deploy
succeeded: deploy-plan.ts measures the next deploy from it.

Options:
  --service <name>   the service deployed (required)
  --stage <stage>    the stage deployed to (required)
  --sha <ref>        the commit deployed: a full sha, or a ref resolved in this repository (required)
  --store <kind>     file (default): .local/deployed/<stage>/<service>
                     ssm: SSM parameter /<app>/<stage>/<service>/deployed-sha (AWS credentials)
  --app <name>       SSM parameter prefix (default serverless-factory)
  --state-dir <dir>  folder of the file store (default .local/deployed)
  -h, --help         print this help

Exit codes: 0 recorded, 1 failure (git, store), 2 bad usage.
`;

void runCli('record-deploy', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      service: { type: 'string' },
      stage: { type: 'string' },
      sha: { type: 'string' },
      store: { type: 'string' },
      app: { type: 'string' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const service = requiredOption(values.service, 'service');
  const stage = requiredOption(values.stage, 'stage');
  const ref = requiredOption(values.sha, 'sha');
  const storeKind = choiceOption(values.store, 'store', DEPLOYED_SHA_STORE_KINDS, 'file');
  const cwd = process.cwd();
  const sha = isFullSha(ref) ? ref : await requireCommit(ref, cwd);
  const store = createDeployedShaStore(storeKind, {
    cwd,
    app: values.app,
    dir: values['state-dir'] === undefined ? undefined : resolve(values['state-dir']),
  });
  await store.put(service, stage, sha);
  process.stdout.write(`recorded ${service} ${stage} = ${sha} (${storeKind} store)\n`);
  return 0;
});
