import { affectedServices, serverlessConfigIn } from '../src/affected-services';
import { changedFiles } from '../src/changed-files';
import { GitError } from '../src/errors';
import { fixtureGraph, GitFixtureRepo } from './support/git-fixture-repo';

/**
 * History of the fixture repository (main):
 *   A initial → B apps/catalog/src/x.ts → C libs/persistence/src/y.ts → D docs/z.md → E nx.json
 */
describe('changedFiles', () => {
  let repo: GitFixtureRepo;
  const sha: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };

  beforeAll(() => {
    repo = GitFixtureRepo.create();
    sha.A = repo.git('rev-parse', 'HEAD');
    sha.B = repo.commit('feat(catalog): x', { 'apps/catalog/src/x.ts': 'export const x = 1;\n' });
    sha.C = repo.commit('feat(persistence): y', { 'libs/persistence/src/y.ts': 'export const y = 1;\n' });
    sha.D = repo.commit('docs: z', { 'docs/z.md': '# z\n' });
    sha.E = repo.commit('build: nx', { 'nx.json': '{ "neverConnectToCloud": true }\n' });
  });

  afterAll(() => repo.remove());

  function affectedBetween(base: string, head: string) {
    return changedFiles(base, head, repo.dir).then((changes) =>
      affectedServices({
        changedFiles: changes,
        graph: fixtureGraph,
        hasServerlessConfig: serverlessConfigIn(repo.dir),
      }),
    );
  }

  it('lists the files changed between two commits', async () => {
    await expect(changedFiles(sha.A, sha.C, repo.dir)).resolves.toEqual({
      kind: 'files',
      files: ['apps/catalog/src/x.ts', 'libs/persistence/src/y.ts'],
    });
  });

  it('accepts refs as well as shas', async () => {
    await expect(changedFiles('HEAD~1', 'HEAD', repo.dir)).resolves.toEqual({
      kind: 'files',
      files: ['nx.json'],
    });
  });

  it('finds nothing between a commit and itself', async () => {
    await expect(changedFiles(sha.B, sha.B, repo.dir)).resolves.toEqual({ kind: 'files', files: [] });
  });

  it('treats a missing, empty or all-zero base as everything changed', async () => {
    const everything = { kind: 'everything', reason: 'no base commit' };
    await expect(changedFiles(undefined, sha.E, repo.dir)).resolves.toEqual(everything);
    await expect(changedFiles('', sha.E, repo.dir)).resolves.toEqual(everything);
    await expect(changedFiles('0'.repeat(40), sha.E, repo.dir)).resolves.toEqual(everything);
  });

  it('treats a base unknown to the repository as everything changed', async () => {
    const unknown = 'f'.repeat(40);
    await expect(changedFiles(unknown, sha.E, repo.dir)).resolves.toEqual({
      kind: 'everything',
      reason: `base ${unknown} is not a known commit`,
    });
  });

  it('rejects a head that is not a commit', async () => {
    await expect(changedFiles(sha.A, 'no-such-branch', repo.dir)).rejects.toThrow(GitError);
  });

  it('lists both paths of a moved file', async () => {
    repo.git('checkout', '--quiet', '-b', 'move', sha.E);
    const moved = repo.commit('refactor: move', {
      'apps/orders/src/x.ts': 'export const x = 1;\n',
      'apps/catalog/src/x.ts': null,
    });
    repo.git('checkout', '--quiet', 'main');
    await expect(changedFiles(sha.E, moved, repo.dir)).resolves.toEqual({
      kind: 'files',
      files: ['apps/catalog/src/x.ts', 'apps/orders/src/x.ts'],
    });
  });

  it('counts changes that exist only in a base that is not an ancestor of head', async () => {
    // S branches off A and changes libs/auth; it is not in main's history.
    repo.git('checkout', '--quiet', '-b', 'side', sha.A);
    const side = repo.commit('fix(auth): hotfix', { 'libs/auth/src/index.ts': 'export const auth = 2;\n' });
    repo.git('checkout', '--quiet', 'main');
    const changes = await changedFiles(side, sha.B, repo.dir);
    // base...head alone would only list apps/catalog/src/x.ts: the auth hotfix must be undone too.
    expect(changes).toEqual({ kind: 'files', files: ['apps/catalog/src/x.ts', 'libs/auth/src/index.ts'] });
  });

  it('treats a base with no history in common with head as everything changed', async () => {
    repo.git('checkout', '--quiet', '--orphan', 'unrelated');
    const orphan = repo.commit('unrelated history', { 'other.txt': 'x\n' });
    repo.git('checkout', '--quiet', '--force', 'main');
    await expect(changedFiles(orphan, sha.E, repo.dir)).resolves.toEqual({
      kind: 'everything',
      reason: `base ${orphan} shares no history with head ${sha.E}`,
    });
  });

  describe('with affectedServices, on real history', () => {
    it('one service file → that service', async () => {
      expect(await affectedBetween(sha.A, sha.B)).toEqual([
        { service: 'catalog', reasons: ['apps/catalog changed'] },
      ]);
    });

    it('a lib change → its dependent services', async () => {
      expect(await affectedBetween(sha.B, sha.C)).toEqual([
        { service: 'catalog', reasons: ['libs/persistence changed'] },
        { service: 'inventory', reasons: ['libs/persistence changed'] },
      ]);
    });

    it('docs only → no service', async () => {
      expect(await affectedBetween(sha.C, sha.D)).toEqual([]);
    });

    it('root config → every service', async () => {
      expect((await affectedBetween(sha.D, sha.E)).map((affected) => affected.service)).toEqual([
        'catalog',
        'inventory',
        'orders',
      ]);
    });
  });
});
