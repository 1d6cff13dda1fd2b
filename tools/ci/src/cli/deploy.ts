/* `make deploy`: deploys the built packages of the services a stage needs, each with the real
 * `serverless deploy --package`, and records what it did (see tools/ci/README.md). */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { archiveDeploy, artifactBucketParameter, readStageParameter } from '../artifact-archive';
import { choiceOption, listOption, parseCliArgs, requiredOption } from '../cli-options';
import { createDeployedShaStore, DEPLOYED_SHA_STORE_KINDS } from '../create-deployed-sha-store';
import { appendDeployRecord, DEPLOY_HISTORY_FILE, type DeployRecord } from '../delivery-history';
import { deployService, type DeployOutcome } from '../deploy-service';
import { CiError } from '../errors';
import { requireCommit, runGit } from '../git';
import { projectGraphFor } from '../project-graph';
import { runCli } from '../run-cli';
import { servicesToDeploy, shortSha } from '../services-to-deploy';
import { verifyPackage } from '../verify-package';

const HELP = `Usage: make deploy STAGE=<stage> [SERVICES=a,b]
       npx tsx tools/ci/src/cli/deploy.ts --stage <stage> [options]

Deploys to <stage> every service whose deployed commit is behind HEAD in a way that affects it
(deploy-plan.ts decides; never deployed → deploy), one after the other:
  1. verifies the built package dist/<service>/<stage> against its manifest (sha256 of every file,
     built from this very commit): nothing is rebuilt, what was tested is what is deployed;
  2. runs serverless deploy --package: artifacts uploaded, a CloudFormation change set created,
     saved to reports/deploy/<service>/<stage>/change-set.json before it runs, executed;
  3. reads the stack back (status, outputs), keeps the package and the evidence in the stage's
     artifact bucket, and records the commit as deployed (SSM /serverless-factory/<stage>/<service>/deployed-sha).
A deploy that fails or leaves the stack rolled back stops the run (exit 1) and records nothing, so
the next run deploys that service again. Every deploy is appended to ${DEPLOY_HISTORY_FILE}.

Needs AWS credentials and AWS_REGION: a role in GitHub Actions, or the AWS API emulator
(AWS_ENDPOINT_URL) in make ci. The stage must be bootstrapped (make bootstrap).

Options:
  --stage <stage>    target stage (required)
  --services <a,b>   consider only these services (default: every deployable service)
  --head <ref>       the commit being deployed (default HEAD)
  --store <kind>     ssm (default) | file: where deployed commits are recorded
  --dist <dir>       the built packages (default dist)
  --summary <file>   also append a markdown table (pass "$GITHUB_STEP_SUMMARY")
  -h, --help         print this help

Exit codes: 0 deployed (or nothing to deploy), 1 a deploy failed, 2 bad usage.
`;

/** One row of the closing table. */
interface Row {
  service: string;
  result: string;
  changes: string;
  seconds: string;
}

function table(rows: readonly Row[]): string {
  const header: Row = { service: 'service', result: 'result', changes: 'changes', seconds: 'seconds' };
  const all = [header, ...rows];
  const width = (key: keyof Row): number => Math.max(...all.map((row) => row[key].length));
  const line = (row: Row): string =>
    `  ${row.service.padEnd(width('service'))}  ${row.result.padEnd(width('result'))}  ${row.changes.padStart(width('changes'))}  ${row.seconds.padStart(width('seconds'))}`;
  return all.map(line).join('\n');
}

function markdown(stage: string, rows: readonly Row[]): string {
  return [
    `### Deploy to ${stage}`,
    '',
    '| service | result | changes | seconds |',
    '| --- | --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.service} | ${row.result} | ${row.changes} | ${row.seconds} |`),
    '',
  ].join('\n');
}

void runCli('deploy', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      services: { type: 'string' },
      head: { type: 'string' },
      store: { type: 'string' },
      dist: { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const storeKind = choiceOption(values.store, 'store', DEPLOYED_SHA_STORE_KINDS, 'ssm');
  const cwd = process.cwd();
  const dist = resolve(values.dist ?? 'dist');
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const sha = await requireCommit(values.head ?? 'HEAD', cwd);
  const committedAt = (await runGit(['show', '-s', '--format=%cI', sha], cwd)).stdout.trim();

  const store = createDeployedShaStore(storeKind, { cwd });
  const plan = await servicesToDeploy({
    stage,
    head: sha,
    store,
    graph: await projectGraphFor(cwd),
    cwd,
    services: listOption(values.services),
  });
  const chosen = plan.filter((decision) => decision.deploy).map((decision) => decision.service);
  for (const decision of plan) {
    say(`  ${decision.deploy ? 'deploy' : 'skip  '}  ${decision.service}: ${decision.reasons.join('; ')}`);
  }
  say(
    chosen.length === 0
      ? `0 services to deploy to ${stage} at ${shortSha(sha)}`
      : `${chosen.length} service${chosen.length === 1 ? '' : 's'} to deploy to ${stage} at ${shortSha(sha)}: ${chosen.join(', ')}`,
  );
  if (chosen.length === 0) return 0;

  const ssm = new SSMClient({});
  const s3 = new S3Client({ forcePathStyle: Boolean(process.env['AWS_ENDPOINT_URL']) });
  const bucket = await readStageParameter(ssm, artifactBucketParameter(stage), stage);
  const rows: Row[] = [];
  let failure: CiError | undefined;
  for (const service of chosen) {
    const packageDir = join(dist, service, stage);
    const evidenceDir = join(cwd, 'reports', 'deploy', service, stage);
    mkdirSync(evidenceDir, { recursive: true });
    const startedAt = new Date();
    const record = (
      status: DeployRecord['status'],
      outcome?: DeployOutcome,
      error?: string,
    ): DeployRecord => ({
      schema: 'serverless-factory/deploy@1',
      service,
      stage,
      sha,
      committedAt,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(outcome?.durationMs ?? Date.now() - startedAt.getTime()),
      status,
      changes: outcome?.changeSet?.changes.length ?? 0,
      ...(error === undefined ? {} : { error }),
    });
    say(`› ${service}: verifying ${packageDir} against its manifest`);
    try {
      const manifest = await verifyPackage(packageDir, { service, stage, gitSha: sha });
      say(`  ${manifest.files.length} files match their sha256`);
      say(`› ${service}: serverless deploy --stage ${stage} --package ${packageDir}`);
      const outcome = await deployService({
        service,
        stage,
        workspaceRoot: cwd,
        packageDir,
        changeSetFile: join(evidenceDir, 'change-set.json'),
        env: process.env,
        log: (line) => say(`  [${service}] ${line}`),
      });
      const done = record('succeeded', outcome);
      writeFileSync(
        join(evidenceDir, 'deploy.json'),
        `${JSON.stringify({ ...done, stackName: outcome.stackName, stackStatus: outcome.stackStatus, outputs: outcome.outputs }, null, 2)}\n`,
      );
      say(
        `  ${outcome.stackName} ${outcome.stackStatus}: ${outcome.changeSet ? `${outcome.changeSet.changes.length} change(s) executed` : 'the artifacts equal the deployed ones, nothing changed'}; outputs: ${Object.keys(outcome.outputs).length === 0 ? 'none reported' : Object.keys(outcome.outputs).join(', ')}`,
      );
      const archived = await archiveDeploy({
        s3,
        bucket,
        service,
        sha,
        files: [
          join(packageDir, 'manifest.json'),
          join(packageDir, 'cloudformation-template-update-stack.json'),
          join(evidenceDir, 'deploy.json'),
          ...(outcome.changeSet ? [join(evidenceDir, 'change-set.json')] : []),
        ],
      });
      say(`  kept in s3://${bucket}/${service}/${sha}/ (${archived.length} files)`);
      await store.put(service, stage, sha);
      say(`  recorded ${service} ${stage} = ${shortSha(sha)}`);
      appendDeployRecord(join(cwd, DEPLOY_HISTORY_FILE), done);
      rows.push({
        service,
        result: 'deployed',
        changes: String(done.changes),
        seconds: (done.durationMs / 1000).toFixed(1),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = record('failed', undefined, message.split('\n')[0]);
      writeFileSync(join(evidenceDir, 'deploy.json'), `${JSON.stringify(failed, null, 2)}\n`);
      appendDeployRecord(join(cwd, DEPLOY_HISTORY_FILE), failed);
      rows.push({ service, result: 'FAILED', changes: '-', seconds: (failed.durationMs / 1000).toFixed(1) });
      failure = error instanceof CiError ? error : new CiError(message, { cause: error });
      break;
    }
  }
  for (const service of chosen.slice(rows.length))
    rows.push({ service, result: 'not run', changes: '-', seconds: '-' });
  say('');
  say(table(rows));
  if (values.summary) appendFileSync(values.summary, markdown(stage, rows));
  ssm.destroy();
  s3.destroy();
  if (failure) throw failure;
  return 0;
});
