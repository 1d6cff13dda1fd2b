/* Gathers the evidence bundle into evidence/ (see tools/ci/README.md). */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deployableServices, selectServices, serverlessConfigIn } from '../affected-services';
import { listOption, parseCliArgs, requiredOption } from '../cli-options';
import { collectEvidence } from '../evidence';
import { loadProjectGraph } from '../project-graph';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/evidence.ts --stage <stage> [--services a,b] [--out evidence] [--no-sbom]

Gathers into <out>/: junit/ (JUnit), coverage/ (lcov + summary per project), sarif/ (ESLint,
secretlint, policy), sbom/<service>.cdx.json (CycloneDX, production dependencies of each service),
<service>/<stage>/ (build manifest, CloudFormation template, change set when saved there), and
index.json with the sha256 of every file. Fails listing what is missing.
`;

void runCli('evidence', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      services: { type: 'string' },
      out: { type: 'string' },
      'no-sbom': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const cwd = process.cwd();
  const out = join(cwd, values.out ?? 'evidence');
  const graph = await loadProjectGraph(cwd);
  const services = selectServices(
    deployableServices(graph, serverlessConfigIn(cwd)),
    listOption(values.services),
  );
  if (!values['no-sbom']) {
    mkdirSync(join(out, 'sbom'), { recursive: true });
    for (const service of services) {
      const root = graph.projects[service]?.root ?? `apps/${service}`;
      execFileSync(
        process.execPath,
        [
          join(cwd, 'node_modules/@cyclonedx/cyclonedx-npm/bin/cyclonedx-npm-cli.js'),
          '--workspace',
          root,
          '--omit',
          'dev',
          '--output-format',
          'JSON',
          '--output-reproducible',
          '--output-file',
          join(out, 'sbom', `${service}.cdx.json`),
        ],
        { cwd, stdio: ['ignore', 'ignore', 'inherit'] },
      );
    }
  }
  const gitSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
  const index = await collectEvidence({ workspaceRoot: cwd, out, stage, services, gitSha });
  const count = (prefix: string) => index.files.filter((file) => file.path.startsWith(prefix)).length;
  const changeSets = index.files.filter((file) => file.path.endsWith('/change-set.json')).length;
  process.stdout.write(
    `evidence  ${index.files.length} files in ${values.out ?? 'evidence'}/: junit ${count('junit/')}, coverage ${count('coverage/')}, ` +
      `sarif ${count('sarif/')}, sbom ${count('sbom/')}, change sets ${changeSets}, services ${services.join(', ')} (${stage})\n`,
  );
  return 0;
});
