/* Saves the CloudFormation change set of a packaged service as deploy evidence, before the deploy
 * executes anything (see tools/ci/README.md). */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { changeSetEvidence, changeSetMarkdown, readArtifactDirectoryName } from '../change-set-evidence';
import { parseCliArgs, requiredOption } from '../cli-options';
import { assertName } from '../deployed-sha-store';
import { ChangeSetError, UsageError } from '../errors';
import { requireCommit } from '../git';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/change-set.ts --service <name> --stage <stage> [options]

Creates a change set of the packaged template (dist/<service>/<stage>) against the live stack
<service>-<stage>, waits for it, writes every change to --out, and deletes the change set: the
evidence of what the deploy will change, saved before anything is executed. A first deploy (no
stack yet) lists every resource of the template as added. Needs AWS credentials and AWS_REGION.

Options:
  --service <name>  the packaged service (required)
  --stage <stage>   the stage it is packaged for (required)
  --sha <ref>       the commit being deployed, named in the change set (default HEAD)
  --dir <dir>       the package folder (default dist/<service>/<stage>)
  --out <file>      where to write the evidence (default evidence/<service>/<stage>/change-set.json)
  --summary <file>  also append a markdown table of the changes (pass "$GITHUB_STEP_SUMMARY")
  -h, --help        print this help

Exit codes: 0 saved, 1 failure (AWS, files), 2 bad usage.
`;

void runCli('change-set', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      service: { type: 'string' },
      stage: { type: 'string' },
      sha: { type: 'string' },
      dir: { type: 'string' },
      out: { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const service = requiredOption(values.service, 'service');
  const stage = requiredOption(values.stage, 'stage');
  assertName('service', service);
  assertName('stage', stage);
  const region = process.env['AWS_REGION'];
  if (region === undefined || region === '')
    throw new UsageError('AWS_REGION must name the region of the stack');
  const cwd = process.cwd();
  const sha = await requireCommit(values.sha ?? 'HEAD', cwd);
  const dir = resolve(values.dir ?? join('dist', service, stage));
  const out = resolve(values.out ?? join('evidence', service, stage, 'change-set.json'));
  const templatePath = join(dir, 'cloudformation-template-update-stack.json');
  let template: string;
  try {
    template = await readFile(templatePath, 'utf8');
  } catch (error) {
    throw new ChangeSetError(`cannot read ${templatePath}: package the service first (make build)`, {
      cause: error,
    });
  }
  const stackName = `${service}-${stage}`;
  const evidence = await changeSetEvidence({
    stackName,
    changeSetName: `ci-preview-${sha.slice(0, 12)}-${Date.now()}`,
    template,
    artifactDirectoryName: await readArtifactDirectoryName(dir),
    region,
    description: `Evidence of ${sha} (tools/ci change-set); deleted once described`,
    cloudFormation: new CloudFormationClient({ region }),
    s3: new S3Client({ region }),
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ service, stage, sha, ...evidence }, null, 2)}\n`);
  if (values.summary !== undefined) await appendFile(values.summary, `${changeSetMarkdown(evidence)}\n`);
  process.stdout.write(`${stackName}: ${evidence.changes.length} change(s) saved to ${out}\n`);
  return 0;
});
