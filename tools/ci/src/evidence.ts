import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sha256File } from './build-manifest';
import { CiError } from './errors';
import { evidenceReadme } from './evidence-readme';

/** What {@link collectEvidence} gathers, relative to the workspace root. */
export interface EvidenceSources {
  /** JUnit reports (reports/junit). */
  junit: string;
  /** Coverage root (coverage/): every lcov.info and coverage-summary.json under it. */
  coverage: string;
  /** SARIF reports (reports/sarif). */
  sarif: string;
  /** Packages (dist/<service>/<stage>/). */
  dist: string;
  /** Deploy records (reports/deploy/<service>/<stage>/: change-set.json, deploy.json), when deployed. */
  deploy: string;
}

/** One file of the evidence bundle. */
interface EvidenceEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** The index written to evidence/index.json. */
export interface EvidenceIndex {
  schema: 'serverless-factory/evidence@1';
  gitSha: string;
  stage: string;
  services: string[];
  createdAt: string;
  files: EvidenceEntry[];
}

async function filesUnder(dir: string, keep: (path: string) => boolean): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path, keep) : Promise.resolve(keep(path) ? [path] : []);
    }),
  );
  return nested.flat();
}

async function copyInto(files: string[], fromRoot: string, toRoot: string): Promise<void> {
  for (const file of files) {
    const target = join(toRoot, relative(fromRoot, file));
    await mkdir(dirname(target), { recursive: true });
    await cp(file, target);
  }
}

/**
 * Gathers a build's evidence into `out` (docs/architecture.md §6): JUnit, coverage (lcov + summary),
 * SARIF, and per service and stage the build manifest and CloudFormation template, plus the deploy
 * records when that service was deployed (the executed change set, the deploy outcome), then writes
 * `README.md` (what was built, tested, scanned and deployed, with links) and `index.json` with the
 * sha256 of every file. SBOMs are written into `out/sbom/` by the caller.
 *
 * @throws {CiError} listing what is missing (no JUnit, no coverage, no SARIF, a service not built)
 */
export async function collectEvidence(input: {
  workspaceRoot: string;
  out: string;
  stage: string;
  services: string[];
  gitSha: string;
  sources?: Partial<EvidenceSources>;
  now?: Date;
}): Promise<EvidenceIndex> {
  const root = input.workspaceRoot;
  const sources: EvidenceSources = {
    junit: 'reports/junit',
    coverage: 'coverage',
    sarif: 'reports/sarif',
    dist: 'dist',
    deploy: 'reports/deploy',
    ...input.sources,
  };
  const missing: string[] = [];

  const junit = await filesUnder(join(root, sources.junit), (p) => p.endsWith('.xml'));
  if (junit.length === 0) missing.push(`JUnit reports in ${sources.junit} (run make test)`);
  await copyInto(junit, join(root, sources.junit), join(input.out, 'junit'));

  const coverage = await filesUnder(join(root, sources.coverage), (p) =>
    /(lcov\.info|coverage-summary\.json)$/.test(p),
  );
  if (coverage.length === 0) missing.push(`coverage in ${sources.coverage} (run make test)`);
  await copyInto(coverage, join(root, sources.coverage), join(input.out, 'coverage'));

  const sarif = await filesUnder(join(root, sources.sarif), (p) => p.endsWith('.sarif'));
  if (sarif.length === 0) missing.push(`SARIF in ${sources.sarif} (run make validate)`);
  await copyInto(sarif, join(root, sources.sarif), join(input.out, 'sarif'));

  for (const service of input.services) {
    const built = join(root, sources.dist, service, input.stage);
    const wanted = ['manifest.json', 'cloudformation-template-update-stack.json'];
    for (const name of wanted) {
      if (!existsSync(join(built, name))) {
        missing.push(
          `${join(sources.dist, service, input.stage, name)} (run make build STAGE=${input.stage})`,
        );
        continue;
      }
      await mkdir(join(input.out, service, input.stage), { recursive: true });
      await cp(join(built, name), join(input.out, service, input.stage, name));
    }
    const deployed = join(root, sources.deploy, service, input.stage);
    for (const name of ['change-set.json', 'deploy.json']) {
      if (!existsSync(join(deployed, name))) continue;
      await mkdir(join(input.out, service, input.stage), { recursive: true });
      await cp(join(deployed, name), join(input.out, service, input.stage, name));
    }
  }
  if (missing.length > 0) throw new CiError(`evidence is incomplete:\n  - ${missing.join('\n  - ')}`);
  await writeFile(join(input.out, 'README.md'), evidenceReadme(input.out, input));

  const everything = (await filesUnder(input.out, (p) => !p.endsWith('index.json'))).sort();
  const files = await Promise.all(
    everything.map(async (path) => ({
      path: relative(input.out, path).split('\\').join('/'),
      bytes: (await stat(path)).size,
      sha256: await sha256File(path),
    })),
  );
  const index: EvidenceIndex = {
    schema: 'serverless-factory/evidence@1',
    gitSha: input.gitSha,
    stage: input.stage,
    services: input.services,
    createdAt: (input.now ?? new Date()).toISOString(),
    files,
  };
  await writeFile(join(input.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}
