/* Type-checks every TSDoc `@example` of the workspace's TypeScript sources (apps, libs, tools):
 * each example compiles as if appended to its module, with the project's compiler options.
 *
 *   tsx tools/ci/src/cli/doc-examples.ts [project-dir...]   (default: every project with a tsconfig.json)
 *
 * Prints one `file:line message` per problem and a summary line; exits 1 when an example does not
 * compile, 2 on bad usage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkExamples, examplesIn, formatProblem } from '../doc-examples';

const HELP = `Usage: tsx tools/ci/src/cli/doc-examples.ts [project-dir...]

Type-checks every TSDoc @example under <project>/src (default: apps/*, libs/*, tools/*):
an example compiles as if appended to its own module; what else it uses, it declares.`;

function sourcesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const root = process.cwd();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const projects =
  positionals.length > 0
    ? positionals.map((dir) => resolve(dir))
    : ['apps', 'libs', 'tools'].flatMap((group) =>
        readdirSync(join(root, group), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(root, group, entry.name)),
      );
let examples = 0;
let failed = 0;
for (const project of projects) {
  const tsconfig = join(project, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    if (positionals.length > 0) {
      console.error(`doc-examples: ${project} has no tsconfig.json`);
      process.exit(2);
    }
    continue;
  }
  const files = sourcesOf(join(project, 'src'));
  examples += files.reduce((sum, file) => sum + examplesIn(file, readFileSync(file, 'utf8')).length, 0);
  const problems = checkExamples(files, tsconfig);
  failed += new Set(problems.map((problem) => `${problem.file}:${problem.line}`)).size;
  for (const problem of problems) console.error(formatProblem(problem, root));
}
console.log(
  `doc examples: ${examples} checked, ${failed === 0 ? 'all compile' : `${failed} lines with errors`}`,
);
process.exit(failed === 0 ? 0 : 1);
