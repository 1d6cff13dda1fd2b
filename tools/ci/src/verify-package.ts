import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MANIFEST_FILE, sha256File, type BuildManifest } from './build-manifest';
import { PackageVerificationError } from './errors';

/** What the package must be: built for this service and stage, from this commit. */
export interface ExpectedPackage {
  readonly service: string;
  readonly stage: string;
  /** The full sha being deployed; the manifest must name it. */
  readonly gitSha: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

/**
 * Checks a downloaded package before it is deployed: its `manifest.json` names the service, the
 * stage and the commit being deployed, every file it lists is there with that size and sha256, and
 * nothing else is. What was tested and built is then exactly what is promoted.
 *
 * @throws {PackageVerificationError} listing every difference, with how to get a good package
 * @example
 * declare const gitSha: string; // the full sha being deployed
 * await verifyPackage('dist/catalog/prod', { service: 'catalog', stage: 'prod', gitSha });
 */
export async function verifyPackage(dir: string, expected: ExpectedPackage): Promise<BuildManifest> {
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new PackageVerificationError(
      `${dir} holds no ${MANIFEST_FILE}: build it with make build STAGE=${expected.stage} SERVICES=${expected.service} (in GitHub, download the build job's artifact)`,
    );
  }
  let manifest: BuildManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BuildManifest;
  } catch (error) {
    throw new PackageVerificationError(`${manifestPath} is not JSON`, { cause: error });
  }
  const problems: string[] = [];
  if (manifest.schema !== 'serverless-factory/build-manifest@1')
    problems.push(`manifest schema is ${String(manifest.schema)}, not serverless-factory/build-manifest@1`);
  if (manifest.service !== expected.service)
    problems.push(`built for service ${manifest.service}, not ${expected.service}`);
  if (manifest.stage !== expected.stage)
    problems.push(`built for stage ${manifest.stage}, not ${expected.stage}`);
  if (manifest.gitSha !== expected.gitSha)
    problems.push(`built from commit ${manifest.gitSha}, not ${expected.gitSha} (the one being deployed)`);

  const listed = new Map((manifest.files ?? []).map((file) => [file.path, file]));
  const present = (await filesUnder(dir))
    .map((path) => relative(dir, path).split('\\').join('/'))
    .filter((path) => path !== MANIFEST_FILE);
  for (const path of present) if (!listed.has(path)) problems.push(`${path} is not in the manifest`);
  for (const [path, file] of listed) {
    const full = join(dir, path);
    if (!existsSync(full)) {
      problems.push(`${path} is missing`);
      continue;
    }
    const bytes = (await stat(full)).size;
    const sha256 = await sha256File(full);
    if (bytes !== file.bytes || sha256 !== file.sha256)
      problems.push(
        `${path} is not the file that was built (sha256 ${sha256.slice(0, 12)}…, manifest ${file.sha256.slice(0, 12)}…)`,
      );
  }
  if (problems.length > 0) {
    throw new PackageVerificationError(
      `${dir} is not the package that was built and tested:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return manifest;
}
