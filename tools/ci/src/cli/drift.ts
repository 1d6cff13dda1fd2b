/* `make drift`: CloudFormation drift detection of every deployed service of a stage (see tools/ci/README.md). */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { deployableServices, selectServices, serverlessConfigIn } from '../affected-services';
import { listOption, parseCliArgs, requiredOption } from '../cli-options';
import { loadProjectGraph } from '../project-graph';
import { runCli } from '../run-cli';
import { detectStackDrift, driftFails, formatDrift } from '../stack-drift';

const HELP = `Usage: make drift STAGE=<stage> [SERVICES=a,b]
       npx tsx tools/ci/src/cli/drift.ts --stage <stage> [--services a,b] [--summary file]

Runs CloudFormation drift detection on the stack <service>-<stage> of each deployable service and
waits for it. Fails (exit 1) when a stack has DRIFTED (changed outside CloudFormation) or its
detection ended DETECTION_FAILED; a stack that is not deployed passes. Writes reports/drift/<stage>.json.
Needs read credentials for the stage (the read role of make bootstrap).
`;

void runCli('drift', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      services: { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const cwd = process.cwd();
  const services = selectServices(
    deployableServices(await loadProjectGraph(cwd), serverlessConfigIn(cwd)),
    listOption(values.services),
  );
  const client = new CloudFormationClient({});
  const drifts = [];
  for (const service of services) drifts.push(await detectStackDrift(client, `${service}-${stage}`));
  client.destroy();
  const text = formatDrift(drifts);
  process.stdout.write(`${text}\n`);
  mkdirSync(join(cwd, 'reports', 'drift'), { recursive: true });
  writeFileSync(join(cwd, 'reports', 'drift', `${stage}.json`), `${JSON.stringify(drifts, null, 2)}\n`);
  if (values.summary) appendFileSync(values.summary, `### Drift in ${stage}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  return drifts.some(driftFails) ? 1 : 0;
});
