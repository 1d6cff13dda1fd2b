import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectGraphError } from '../src/errors';
import { loadProjectGraph, parseProjectGraph, readProjectGraphFile } from '../src/project-graph';
import { fixtureGraphPath } from './support/git-fixture-repo';

const workspaceRoot = join(__dirname, '..', '..', '..');
const nxGraphPath = join(__dirname, 'fixtures', 'nx-graph.json');

function writeTemp(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ci-graph-')), 'graph.json');
  writeFileSync(path, content);
  return path;
}

describe('parseProjectGraph', () => {
  it('reads `nx graph --file` output: roots, tags, and workspace dependencies only', async () => {
    expect(await readProjectGraphFile(nxGraphPath)).toEqual({
      projects: {
        catalog: { root: 'apps/catalog', tags: ['npm:private', 'type:app', 'scope:catalog'] },
        persistence: { root: 'libs/persistence', tags: ['type:lib'] },
        observability: { root: 'libs/observability', tags: [] },
      },
      dependencies: { catalog: ['persistence'], persistence: ['observability'], observability: [] },
    });
  });

  it('reads the simple shape', async () => {
    const graph = await readProjectGraphFile(fixtureGraphPath);
    expect(graph.projects['catalog']).toEqual({ root: 'apps/catalog', tags: ['type:app', 'scope:catalog'] });
    expect(graph.dependencies['catalog']).toEqual(['http', 'persistence', 'testing']);
  });

  it('accepts a graph without dependencies', () => {
    expect(parseProjectGraph({ projects: { a: { root: 'libs/a' } } })).toEqual({
      projects: { a: { root: 'libs/a', tags: [] } },
      dependencies: {},
    });
  });

  it.each([
    ['not an object', []],
    ['neither shape', { nodes: {} }],
    ['nodes not an object', { graph: { nodes: [] } }],
    ['a node not an object', { graph: { nodes: { a: 1 } } }],
    ['a project without root', { projects: { a: { tags: [] } } }],
    ['tags not strings', { projects: { a: { root: 'a', tags: [1] } } }],
    ['dependencies not an object', { projects: {}, dependencies: [] }],
    ['dependencies of a project not an array', { projects: {}, dependencies: { a: 'b' } }],
    ['a dependency neither name nor edge', { projects: {}, dependencies: { a: [{ source: 'a' }] } }],
  ])('rejects %s', (_what, document) => {
    expect(() => parseProjectGraph(document)).toThrow(ProjectGraphError);
  });
});

describe('readProjectGraphFile', () => {
  it('reports a missing file', async () => {
    await expect(readProjectGraphFile('/nonexistent/graph.json')).rejects.toThrow(
      'cannot read the project graph file /nonexistent/graph.json',
    );
  });

  it('reports a file that is not JSON', async () => {
    const path = writeTemp('{ nope');
    await expect(readProjectGraphFile(path)).rejects.toThrow(`the project graph file ${path} is not JSON`);
  });
});

describe('loadProjectGraph', () => {
  it('runs nx on this workspace and finds the catalog service, tagged type:app', async () => {
    const graph = await loadProjectGraph(workspaceRoot);
    expect(graph.projects['catalog']?.root).toBe('apps/catalog');
    expect(graph.projects['catalog']?.tags).toContain('type:app');
    expect(graph.projects['ci']?.tags).toContain('type:tool');
    for (const targets of Object.values(graph.dependencies)) {
      for (const target of targets) expect(graph.projects).toHaveProperty([target]);
    }
  }, 120_000);

  it('says so when nx is not installed for the folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ci-no-nx-'));
    await expect(loadProjectGraph(empty)).rejects.toThrow(
      `nx is not installed for the workspace at ${empty}`,
    );
  });
});
