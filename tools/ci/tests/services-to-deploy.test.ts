import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { affectedServices, serverlessConfigIn } from '../src/affected-services';
import { changedFiles } from '../src/changed-files';
import { UnknownServiceError } from '../src/errors';
import { FileDeployedShaStore } from '../src/file-deployed-sha-store';
import { servicesToDeploy, shortSha, type DeployDecision } from '../src/services-to-deploy';
import { fixtureGraph, GitFixtureRepo } from './support/git-fixture-repo';

function toDeploy(decisions: DeployDecision[]): string[] {
  return decisions.filter((decision) => decision.deploy).map((decision) => decision.service);
}

describe('servicesToDeploy', () => {
  let repo: GitFixtureRepo;
  let store: FileDeployedShaStore;
  let A: string;

  beforeEach(() => {
    repo = GitFixtureRepo.create();
    A = repo.git('rev-parse', 'HEAD');
    store = new FileDeployedShaStore({ dir: mkdtempSync(join(tmpdir(), 'ci-deployed-')) });
  });

  afterEach(() => repo.remove());

  const plan = (head: string, services?: string[]) =>
    servicesToDeploy({
      stage: 'dev',
      head,
      store,
      graph: fixtureGraph,
      cwd: repo.dir,
      ...(services ? { services } : {}),
    });

  async function recordAll(sha: string): Promise<void> {
    for (const service of ['catalog', 'inventory', 'orders']) await store.put(service, 'dev', sha);
  }

  it('deploys every service never deployed to the stage', async () => {
    const decisions = await plan(A);
    expect(decisions).toEqual([
      { service: 'catalog', deploy: true, reasons: ['never deployed to dev'] },
      { service: 'inventory', deploy: true, reasons: ['never deployed to dev'] },
      { service: 'orders', deploy: true, reasons: ['never deployed to dev'] },
    ]);
  });

  it('deploys only what changed since each service was last deployed', async () => {
    await recordAll(A);
    const B = repo.commit('feat(persistence): y', { 'libs/persistence/src/y.ts': 'export const y = 1;\n' });
    const decisions = await plan(B);
    expect(toDeploy(decisions)).toEqual(['catalog', 'inventory']);
    expect(decisions.find((decision) => decision.service === 'catalog')).toEqual({
      service: 'catalog',
      deploy: true,
      deployedSha: A,
      reasons: [`libs/persistence changed since ${shortSha(A)}`],
    });
    expect(decisions.find((decision) => decision.service === 'orders')).toEqual({
      service: 'orders',
      deploy: false,
      deployedSha: A,
      reasons: [`no change affects it since ${shortSha(A)}`],
    });
  });

  it('selects again a service whose last deploy failed, until a deploy of it is recorded', async () => {
    await recordAll(A);
    // B changes catalog; its deploy fails, so nothing is recorded.
    const B = repo.commit('feat(catalog): x', { 'apps/catalog/src/x.ts': 'export const x = 1;\n' });
    expect(toDeploy(await plan(B))).toEqual(['catalog']);
    // C only touches docs: measured from the last run (B..C), nothing would be affected…
    const C = repo.commit('docs: z', { 'docs/z.md': '# z\n' });
    const sinceLastRun = await changedFiles(B, C, repo.dir);
    expect(
      affectedServices({
        changedFiles: sinceLastRun,
        graph: fixtureGraph,
        hasServerlessConfig: serverlessConfigIn(repo.dir),
      }),
    ).toEqual([]);
    // …but measured from catalog's last deploy (A..C), catalog is still selected.
    const atC = await plan(C);
    expect(toDeploy(atC)).toEqual(['catalog']);
    expect(atC[0]?.reasons).toEqual([`apps/catalog changed since ${shortSha(A)}`]);
    // Once C's deploy of catalog is recorded, nothing is left to deploy.
    await store.put('catalog', 'dev', C);
    expect(toDeploy(await plan(C))).toEqual([]);
  });

  it('skips a service when this commit is already deployed', async () => {
    await recordAll(A);
    expect(await plan(A)).toContainEqual({
      service: 'orders',
      deploy: false,
      deployedSha: A,
      reasons: ['this commit is already deployed'],
    });
  });

  it('never lets an older commit overwrite a newer deploy', async () => {
    const B = repo.commit('feat(orders): x', { 'apps/orders/src/x.ts': 'export const x = 1;\n' });
    await recordAll(B);
    // A run started for A, late, must not redeploy A over B.
    expect(await plan(A)).toContainEqual({
      service: 'orders',
      deploy: false,
      deployedSha: B,
      reasons: [`a newer commit (${shortSha(B)}) is already deployed`],
    });
  });

  it('redeploys a service whose deployed commit is unknown here (rewritten history)', async () => {
    const gone = 'e'.repeat(40);
    await store.put('inventory', 'dev', gone);
    expect(await plan(A, ['inventory'])).toEqual([
      {
        service: 'inventory',
        deploy: true,
        deployedSha: gone,
        reasons: [`base ${gone} is not a known commit: everything affected since ${shortSha(gone)}`],
      },
    ]);
  });

  it('redeploys a service deployed from a branch whose change is not in head', async () => {
    repo.git('checkout', '--quiet', '-b', 'hotfix');
    const hotfix = repo.commit('fix(persistence): hotfix', {
      'libs/persistence/src/index.ts': 'export const p = 2;\n',
    });
    repo.git('checkout', '--quiet', 'main');
    const B = repo.commit('docs: notes', { 'docs/notes.md': '# notes\n' });
    await store.put('inventory', 'dev', hotfix);
    expect(await plan(B, ['inventory'])).toEqual([
      {
        service: 'inventory',
        deploy: true,
        deployedSha: hotfix,
        reasons: [`libs/persistence changed since ${shortSha(hotfix)}`],
      },
    ]);
  });

  it('plans only the services asked for', async () => {
    expect((await plan(A, ['orders'])).map((decision) => decision.service)).toEqual(['orders']);
  });

  it('rejects a service that is not deployable', async () => {
    await expect(plan(A, ['backoffice', 'nope'])).rejects.toThrow(UnknownServiceError);
    await expect(plan(A, ['backoffice'])).rejects.toThrow(
      'not a deployable service: backoffice (deployable: catalog, inventory, orders)',
    );
  });

  it('keeps the stages apart', async () => {
    await recordAll(A);
    const prod = await servicesToDeploy({
      stage: 'prod',
      head: A,
      store,
      graph: fixtureGraph,
      cwd: repo.dir,
    });
    expect(toDeploy(prod)).toEqual(['catalog', 'inventory', 'orders']);
  });
});
