import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ApiRoute } from '@platform/http';
import { openApiText, routeDifferences } from '@platform/http/testing';
import { serviceGenerator } from '../src/service/generator';
import { changedFiles, virtualWorkspace } from './support/virtual-workspace';

/**
 * The generated openapi.yaml is a template: these tests load the generated routes (zod schemas
 * and all) and check that it is exactly what the generated tests/openapi.test.ts will compare it
 * with, for names that stress the YAML (a multi-word name, a name YAML would read as a boolean).
 */
describe('the generated openapi.yaml', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Generates `name` and writes its files to a fresh folder outside the workspace. */
  async function generateToDisk(
    name: string,
    owner?: string,
  ): Promise<{ root: string; files: Map<string, string> }> {
    const tree = virtualWorkspace();
    await serviceGenerator(tree, { name, ...(owner ? { owner } : {}) });
    const files = changedFiles(tree);
    const dir = mkdtempSync(join(tmpdir(), 'generated-openapi-'));
    dirs.push(dir);
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return { root: join(dir, 'apps', name), files };
  }

  it.each([
    ['payments', undefined],
    ['loyalty-points', 'team-loyalty'],
    ['true', undefined],
  ])('equals openApiText of the generated routes for %s', async (name, owner) => {
    const { root, files } = await generateToDisk(name, owner);
    const { routes } = require(join(root, 'src/api/routes.ts')) as { routes: ApiRoute[] };
    const expected = openApiText(
      {
        title: name,
        version: '1.0.0',
        description: `The ${name} service (owner ${owner ?? `team-${name}`}).`,
      },
      routes,
    );
    expect(files.get(`apps/${name}/openapi.yaml`)).toBe(expected);
    const openapiTest = files.get(`apps/${name}/tests/openapi.test.ts`);
    expect(openapiTest).toContain(`title: '${name}',`);
    expect(openapiTest).toContain(`description: 'The ${name} service (owner ${owner ?? `team-${name}`}).',`);
    expect(routeDifferences(join(root, 'serverless.yml'), routes)).toEqual([]);
  });
});
