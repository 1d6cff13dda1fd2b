import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../package.json';
import { PolicyError, UsageError } from './errors';
import { formatJson } from './format-json';
import { formatTable } from './format-table';
import { countFindings, findWorkspaceRoot, runPolicy } from './policy-run';
import { readPlatformWaivers, renderRulesMarkdown } from './rules-markdown';
import { toSarif } from './sarif';

/** Exit codes of the command. */
export const EXIT_CODES = { clean: 0, findings: 1, usage: 2 } as const;

/** Where the command writes, and the folder relative paths start from. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const USAGE = `Usage: npm run -s policy -- <template.json|dir>... [options]

Checks packaged CloudFormation templates against the platform's IaC rules (docs/policy.md).
A folder stands for every cloudformation-template-update-stack.json under it.

Options:
  --format table|json   report on stdout (default: table)
  --sarif FILE          also write the results as SARIF 2.1.0 to FILE
  --root DIR            workspace root for relative paths (default: nearest folder with nx.json)
  --docs                print the rule list as Markdown (docs/policy.md) and exit
  -h, --help            print this help and exit

Exit codes: 0 no finding, 1 at least one unsuppressed finding (any severity),
            2 bad usage, or a template that cannot be read or is not valid.
`;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        sarif: { type: 'string' },
        root: { type: 'string' },
        docs: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function writeSarif(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(
      `cannot write the SARIF file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_CODES.clean;
  }
  if (values.docs) {
    if (positionals.length > 0) throw new UsageError('--docs takes no template');
    const root = values.root === undefined ? findWorkspaceRoot(io.cwd) : resolve(io.cwd, values.root);
    io.stdout(renderRulesMarkdown({ waivers: readPlatformWaivers(root) }));
    return EXIT_CODES.clean;
  }
  if (values.format !== 'table' && values.format !== 'json') {
    throw new UsageError(`--format must be table or json, not "${values.format}"`);
  }
  if (positionals.length === 0) throw new UsageError('give at least one template or folder');
  const root = values.root === undefined ? findWorkspaceRoot(io.cwd) : resolve(io.cwd, values.root);
  const results = runPolicy(positionals, { cwd: io.cwd, root });
  io.stdout(values.format === 'json' ? formatJson(results) : formatTable(results));
  if (values.sarif !== undefined) {
    const sarif = toSarif(results, { root, version: packageJson.version });
    writeSarif(resolve(io.cwd, values.sarif), `${JSON.stringify(sarif, null, 2)}\n`);
  }
  const counts = countFindings(results);
  return counts.errors + counts.warnings + counts.notes > 0 ? EXIT_CODES.findings : EXIT_CODES.clean;
}

/**
 * The `policy` command: parses arguments, checks the templates, writes the report (and SARIF),
 * and returns the exit code. Errors of use or input are written to stderr with exit code 2;
 * anything else is a bug and is rethrown.
 *
 * @example
 * process.exitCode = runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() });
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    io.stderr(`policy: ${error.message}\n`);
    if (error instanceof UsageError) io.stderr('Run with --help for usage.\n');
    return EXIT_CODES.usage;
  }
}
