// The repository's own CLIs colour their output only on a TTY and never under NO_COLOR. They do so in
// one place, tools/local/src/log-format.ts (colourEnabled, tested in tools/local): any other source
// that writes an ANSI escape would bypass that decision.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** The one module allowed to write ANSI colour codes, behind `colourEnabled`. */
const COLOUR_MODULE = 'tools/local/src/log-format.ts';

/** Tracked sources (not tests) of apps, libs, tools and bench that spell an ANSI escape. */
function sourcesWithAnsiEscapes(): string[] {
  const escapes = ['\\u001b[', '\\x1b[', '\\033[', '\\e['].flatMap((escape) => ['-e', escape]);
  const result = spawnSync(
    'git',
    ['grep', '-l', '-F', ...escapes, '--', 'apps', 'libs', 'tools', 'bench', 'Makefile', ':!**/tests/**'],
    { cwd: workspaceRoot, encoding: 'utf8' },
  );
  if (result.status === 1) return [];
  if (result.status !== 0) throw new Error(`git grep failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

describe('colour in the repository CLIs', () => {
  it('comes only from the module that colours on a TTY and honours NO_COLOR', () => {
    expect(sourcesWithAnsiEscapes()).toEqual([COLOUR_MODULE]);
  });
});
