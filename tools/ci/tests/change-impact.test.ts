import { changeImpact, isDocumentation, owningProject } from '../src/change-impact';
import type { ProjectGraph } from '../src/project-graph';
import { fixtureGraph } from './support/git-fixture-repo';

describe('isDocumentation', () => {
  it.each([
    'docs/adr/001-platform-choice.md',
    'docs/diagram.png',
    'README.md',
    'apps/catalog/README.md',
    'libs/http/CHANGELOG.MD',
    '.github/workflows/deploy.yml',
    '.github/CODEOWNERS',
    'LICENSE',
  ])('counts %s as documentation', (file) => {
    expect(isDocumentation(file)).toBe(true);
  });

  it.each([
    'nx.json',
    'apps/catalog/src/handler.ts',
    'apps/catalog/docs.ts',
    'serverless/service-defaults.yml',
    'libs/http/LICENSE.ts',
  ])('does not count %s as documentation', (file) => {
    expect(isDocumentation(file)).toBe(false);
  });
});

describe('owningProject', () => {
  const nested: ProjectGraph = {
    projects: {
      root: { root: '.', tags: [] },
      platform: { root: 'libs/platform', tags: [] },
      'platform-http': { root: 'libs/platform/http', tags: [] },
    },
    dependencies: {},
  };

  it('picks the deepest project root holding the file', () => {
    expect(owningProject('libs/platform/http/src/a.ts', nested)).toBe('platform-http');
    expect(owningProject('libs/platform/src/a.ts', nested)).toBe('platform');
  });

  it('does not let a root that is only a name prefix own the file', () => {
    expect(owningProject('libs/platform-extra/src/a.ts', nested)).toBeUndefined();
  });

  it('never gives a file to a project rooted at the workspace root', () => {
    expect(owningProject('Makefile', nested)).toBeUndefined();
  });
});

describe('changeImpact', () => {
  it('ignores documentation, even inside a service', () => {
    expect(changeImpact('apps/catalog/README.md', fixtureGraph)).toEqual({ kind: 'none' });
    expect(changeImpact('.github/workflows/pr.yml', fixtureGraph)).toEqual({ kind: 'none' });
  });

  it('ignores the root benchmarks, which no service builds with', () => {
    expect(changeImpact('bench/run.ts', fixtureGraph)).toEqual({ kind: 'none' });
    expect(changeImpact('benchmarks.json', fixtureGraph)).toMatchObject({ kind: 'all' });
  });

  it('maps a file inside a project root to that project', () => {
    expect(changeImpact('libs/persistence/src/keys.ts', fixtureGraph)).toEqual({
      kind: 'project',
      project: 'persistence',
    });
  });

  it.each([
    'package.json',
    'package-lock.json',
    'nx.json',
    'tsconfig.base.json',
    'jest.preset.js',
    'eslint.config.mjs',
    'Makefile',
    'serverless/service-defaults.yml',
    '.ci/run',
  ])('treats %s, outside every project, as root config affecting all', (file) => {
    expect(changeImpact(file, fixtureGraph)).toEqual({ kind: 'all', reason: `root config ${file} changed` });
  });

  it('treats the serverless plugin, which packages every service, as affecting all', () => {
    expect(changeImpact('tools/serverless-plugin/src/conventions.js', fixtureGraph)).toEqual({
      kind: 'all',
      reason: 'tools/serverless-plugin changed (it packages every service)',
    });
  });
});
