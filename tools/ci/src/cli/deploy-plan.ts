/* Prints the services to deploy to a stage at a commit, measured from each service's last
 * recorded deploy (see tools/ci/README.md). */
import { resolve } from 'node:path';
import { choiceOption, listOption, parseCliArgs, requiredOption } from '../cli-options';
import { createDeployedShaStore, DEPLOYED_SHA_STORE_KINDS } from '../create-deployed-sha-store';
import { projectGraphFor } from '../project-graph';
import { runCli } from '../run-cli';
import { OUTPUT_FORMATS, printReport, type SelectionReport } from '../selection-report';
import { servicesToDeploy } from '../services-to-deploy';

const HELP = `Usage: npx tsx tools/ci/src/cli/deploy-plan.ts --stage <stage> [--head <ref>] [options]

Prints the services to deploy to <stage> at <head>. Each service is measured from the commit last
recorded as deployed for it and that stage (record-deploy.ts): never deployed → deploy; a change
since then that affects it → deploy; the same or a newer commit already deployed → skip. A failed
deploy is never recorded, so the next plan selects the service again.

Options:
  --stage <stage>         target stage, e.g. dev, staging, prod (required)
  --head <ref>            commit to deploy (default HEAD)
  --store <kind>          file (default): .local/deployed/<stage>/<service>
                          ssm: SSM parameter /<app>/<stage>/<service>/deployed-sha (AWS credentials)
  --app <name>            SSM parameter prefix (default serverless-factory)
  --state-dir <dir>       folder of the file store (default .local/deployed)
  --services <a,b>        plan only these services (default: every deployable service)
  --format <format>       matrix (default) | list | json | markdown
  --graph <file>          read the project graph from this file instead of running nx graph
  --github-output <file>  also append matrix=, list= and count= lines (pass "$GITHUB_OUTPUT")
  --output-prefix <text>  put before those names, e.g. dev_ → dev_matrix=, dev_list=, dev_count=
  --summary <file>        also append the markdown table (pass "$GITHUB_STEP_SUMMARY")
  -h, --help              print this help

Exit codes: 0 success, 1 failure (git, nx, store), 2 bad usage.
`;

void runCli('deploy-plan', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      head: { type: 'string' },
      store: { type: 'string' },
      app: { type: 'string' },
      'state-dir': { type: 'string' },
      services: { type: 'string' },
      format: { type: 'string' },
      graph: { type: 'string' },
      'github-output': { type: 'string' },
      'output-prefix': { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const format = choiceOption(values.format, 'format', OUTPUT_FORMATS, 'matrix');
  const storeKind = choiceOption(values.store, 'store', DEPLOYED_SHA_STORE_KINDS, 'file');
  const head = values.head ?? 'HEAD';
  const cwd = process.cwd();
  const store = createDeployedShaStore(storeKind, {
    cwd,
    app: values.app,
    dir: values['state-dir'] === undefined ? undefined : resolve(values['state-dir']),
  });
  const graph = await projectGraphFor(cwd, values.graph);
  const decisions = await servicesToDeploy({
    stage,
    head,
    store,
    graph,
    cwd,
    services: listOption(values.services),
  });
  const report: SelectionReport = {
    title: `Deploy plan: ${stage}`,
    context: { stage, head, store: storeKind },
    entries: decisions.map(({ service, deploy, deployedSha, reasons }) => ({
      service,
      selected: deploy,
      reasons,
      ...(deployedSha === undefined ? {} : { deployedSha }),
    })),
    emptyMessage: `Nothing to deploy to ${stage}.`,
  };
  await printReport(report, format, {
    githubOutput: values['github-output'],
    outputPrefix: values['output-prefix'],
    summary: values.summary,
  });
  return 0;
});
