/* Writes dist/<service>/<stage>/manifest.json for packaged services (see tools/ci/README.md). */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployableServices, selectServices, serverlessConfigIn } from '../affected-services';
import { buildManifest, MANIFEST_FILE, runtimeDependencies } from '../build-manifest';
import { listOption, parseCliArgs, requiredOption } from '../cli-options';
import { CiError } from '../errors';
import { loadProjectGraph } from '../project-graph';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/manifest.ts --stage <stage> [--services a,b] [--dist dist]

Writes <dist>/<service>/<stage>/manifest.json for each packaged service: the sha256 and size of
every file of the package, the git sha, and the workspace projects the service needs at run time. Run after
\`serverless package\` (make build does both).
`;

void runCli('manifest', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      services: { type: 'string' },
      dist: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const cwd = process.cwd();
  const dist = values.dist ?? 'dist';
  const graph = await loadProjectGraph(cwd);
  const services = selectServices(
    deployableServices(graph, serverlessConfigIn(cwd)),
    listOption(values.services),
  );
  const gitSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
  for (const service of services) {
    const dir = join(cwd, dist, service, stage);
    if (!existsSync(dir))
      throw new CiError(`${dir} does not exist: package ${service} first (make build STAGE=${stage})`);
    const manifest = await buildManifest({
      dir,
      service,
      stage,
      gitSha,
      dependencies: runtimeDependencies(graph, service, cwd),
    });
    writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    process.stdout.write(
      `manifest  ${service}/${stage}: ${manifest.files.length} files, ${bytes} bytes, git ${gitSha.slice(0, 12)}\n`,
    );
  }
  return 0;
});
