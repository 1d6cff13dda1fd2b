import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest } from '../src/build-manifest';
import { PackageVerificationError } from '../src/errors';
import { verifyPackage } from '../src/verify-package';

const gitSha = 'c'.repeat(40);

async function packageDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'package-'));
  writeFileSync(join(dir, 'cloudformation-template-update-stack.json'), '{"Resources":{}}');
  writeFileSync(join(dir, 'health.zip'), 'zip bytes');
  const manifest = await buildManifest({ dir, service: 'catalog', stage: 'dev', gitSha, dependencies: [] });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('verifyPackage', () => {
  const expected = { service: 'catalog', stage: 'dev', gitSha };

  it('accepts the package as it was built, and gives its manifest', async () => {
    const dir = await packageDir();
    await expect(verifyPackage(dir, expected)).resolves.toMatchObject({
      service: 'catalog',
      files: expect.any(Array),
    });
  });

  it('lists every difference: a changed file, a missing one, an added one', async () => {
    const dir = await packageDir();
    writeFileSync(join(dir, 'health.zip'), 'other bytes');
    rmSync(join(dir, 'cloudformation-template-update-stack.json'));
    writeFileSync(join(dir, 'extra.zip'), 'x');
    const failure = verifyPackage(dir, expected);
    await expect(failure).rejects.toThrow(PackageVerificationError);
    await expect(failure).rejects.toThrow(/health\.zip is not the file that was built/);
    await expect(verifyPackage(dir, expected)).rejects.toThrow(
      /cloudformation-template-update-stack\.json is missing/,
    );
    await expect(verifyPackage(dir, expected)).rejects.toThrow(/extra\.zip is not in the manifest/);
  });

  it('refuses a package built for another service, stage or commit', async () => {
    const dir = await packageDir();
    await expect(
      verifyPackage(dir, { service: 'orders', stage: 'prod', gitSha: 'd'.repeat(40) }),
    ).rejects.toThrow(
      /built for service catalog, not orders\n\s+- built for stage dev, not prod\n\s+- built from commit c{40}, not d{40}/,
    );
  });

  it('says how to get a package when there is no manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'package-'));
    await expect(verifyPackage(dir, expected)).rejects.toThrow(
      `${dir} holds no manifest.json: build it with make build STAGE=dev SERVICES=catalog`,
    );
  });
});
