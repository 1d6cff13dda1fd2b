/* Prints the services affected between two commits (see tools/ci/README.md). */
import { affectedServices, serverlessConfigIn } from '../affected-services';
import { changedFiles } from '../changed-files';
import { choiceOption, parseCliArgs } from '../cli-options';
import { UsageError } from '../errors';
import { projectGraphFor } from '../project-graph';
import { runCli } from '../run-cli';
import { OUTPUT_FORMATS, printReport, type SelectionReport } from '../selection-report';

const HELP = `Usage: npx tsx tools/ci/src/cli/affected.ts --base <ref> [--head <ref>] [options]

Prints the deployable services (Nx projects tagged type:app with a serverless.yml) affected by
the changes between <base> and <head>: a lib change selects the services depending on it, root
configuration selects all, documentation none. An empty, all-zero or unknown --base selects all.

Options:
  --base <ref>            commit the change starts from (required; "" = none)
  --head <ref>            commit the change ends at (default HEAD)
  --format <format>       matrix (default): {"include":[{"service":"catalog"}]}
                          list: catalog,orders   json: services and reasons   markdown: a table
  --graph <file>          read the project graph from this file instead of running nx graph
  --github-output <file>  also append matrix=, list= and count= lines (pass "$GITHUB_OUTPUT")
  --summary <file>        also append the markdown table (pass "$GITHUB_STEP_SUMMARY")
  -h, --help              print this help

Exit codes: 0 success, 1 failure (git, nx), 2 bad usage.
`;

void runCli('affected', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      format: { type: 'string' },
      graph: { type: 'string' },
      'github-output': { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.base === undefined)
    throw new UsageError('--base is required (--base "" treats everything as changed)');
  const format = choiceOption(values.format, 'format', OUTPUT_FORMATS, 'matrix');
  const head = values.head ?? 'HEAD';
  const cwd = process.cwd();
  const graph = await projectGraphFor(cwd, values.graph);
  const changes = await changedFiles(values.base, head, cwd);
  const affected = affectedServices({
    changedFiles: changes,
    graph,
    hasServerlessConfig: serverlessConfigIn(cwd),
  });
  const report: SelectionReport = {
    title: 'Affected services',
    context: { base: values.base === '' ? '(none)' : values.base, head },
    entries: affected.map(({ service, reasons }) => ({ service, selected: true, reasons })),
    emptyMessage: 'No service is affected by this change.',
  };
  await printReport(report, format, { githubOutput: values['github-output'], summary: values.summary });
  return 0;
});
