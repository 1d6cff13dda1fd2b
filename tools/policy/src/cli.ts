/* The `policy` command (`npm run -s policy -- <template.json|dir>... [--sarif FILE] [--format table|json]`).
 * Everything but process wiring lives in run-cli.ts; `--help` lists the options and exit codes. */
import { runCli } from './run-cli';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
