// The design lives in the repository (docs/architecture.md, docs/api.md): no comment or doc outside
// docs/ may point to the shared design folder's files, which a reader of the repository cannot open.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** The shared design's file names, spelled so that this file does not name them itself. */
const outsideDesignFiles = ['ARCHITECTURE', 'API'].map((name) => `${name}.md`);

/** `path:line:text` of every tracked file's line that names one of the shared design's files. */
function citationsOfOutsideDesign(): string[] {
  const patterns = outsideDesignFiles.flatMap((name) => ['-e', name]);
  const result = spawnSync('git', ['grep', '-n', '-F', ...patterns], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });
  if (result.status === 1) return [];
  if (result.status !== 0) throw new Error(`git grep failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

describe('links to the design', () => {
  const hits = citationsOfOutsideDesign();

  it('finds no tracked file outside docs/ naming the shared design files', () => {
    expect(hits.filter((hit) => !hit.startsWith('docs/'))).toEqual([]);
  });

  it('has the design the comments point to in docs/', () => {
    expect(
      ['docs/architecture.md', 'docs/api.md'].filter((doc) => !existsSync(join(workspaceRoot, doc))),
    ).toEqual([]);
  });
});
