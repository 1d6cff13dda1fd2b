// The workflows' contract, read from .github/ (what GitHub would run): pinned actions, make targets
// only, install scripts off where an OIDC token is held, every artifact downloaded uploaded by a job
// before it, the stage configuration set where packages are built, per-service canaries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadCompositeActions,
  loadWorkflows,
  makeTargets,
  namesCanMatch,
  needsClosure,
  stageVariables,
  workspaceRoot,
  type Job,
  type Step,
  type Workflow,
} from './support/workflow-model';

const workflows = loadWorkflows();
const actions = loadCompositeActions();
const byFile = (file: string): Workflow => {
  const workflow = workflows.find((candidate) => candidate.file === file);
  if (!workflow) throw new Error(`no .github/workflows/${file}`);
  return workflow;
};
const stepsOf = (job: Job): Step[] => job.steps ?? [];
const everyStep = (): Array<{ where: string; step: Step }> => [
  ...workflows.flatMap((workflow) =>
    Object.entries(workflow.jobs).flatMap(([id, job]) =>
      stepsOf(job).map((step) => ({ where: `${workflow.file} › ${id}`, step })),
    ),
  ),
  ...actions.flatMap((action) => action.steps.map((step) => ({ where: action.path, step }))),
];

describe('the workflows and their composite action', () => {
  it('are pr, deploy (calling stage), drift and report', () => {
    expect(workflows.map((workflow) => workflow.file)).toEqual([
      'deploy.yml',
      'drift.yml',
      'pr.yml',
      'report.yml',
      'stage.yml',
    ]);
  });

  it('pin every action by full commit sha, with its version in a comment', () => {
    const texts = [...workflows.map((workflow) => workflow.text), ...actions.map((action) => action.text)];
    const pins = texts.flatMap((text) => [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)]);
    expect(pins.length).toBeGreaterThan(10);
    for (const [, target = '', rest = ''] of pins) {
      if (target.startsWith('./')) continue; // the repository's own action and workflow
      expect({ target, comment: rest.trim() }).toEqual({
        target: expect.stringMatching(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/),
        comment: expect.stringMatching(/^# v\d+\.\d+\.\d+$/),
      });
    }
  });

  it('run nothing but make targets, each defined in the Makefile', () => {
    const targets = makeTargets();
    const runs = everyStep().filter(({ step }) => step.run !== undefined);
    expect(runs.length).toBeGreaterThan(10);
    for (const { where, step } of runs) {
      const command = String(step.run).trim();
      expect({ where, command }).toEqual({
        where,
        command: expect.stringMatching(/^make [a-z][a-z0-9-]*( |$)/),
      });
      expect(command.split('\n')).toHaveLength(1);
      const target = command.split(' ')[1] ?? '';
      expect({ where, target, defined: targets.has(target) }).toEqual({ where, target, defined: true });
    }
  });

  it('grant nothing at the top and least privilege per job', () => {
    for (const workflow of workflows) {
      expect({ file: workflow.file, permissions: workflow.permissions }).toEqual({
        file: workflow.file,
        permissions: {},
      });
      for (const [id, job] of Object.entries(workflow.jobs)) {
        expect({ id, permissions: job.permissions }).toEqual({ id, permissions: expect.any(Object) });
        for (const level of Object.values(job.permissions ?? {})) expect(['read', 'write']).toContain(level);
      }
    }
  });

  it('install with install scripts off (then patch-package) in every job that holds an OIDC token', () => {
    const setup = actions.find((action) => action.path === './.github/actions/setup');
    expect(setup?.steps.at(-1)?.run).toBe(
      "make install IGNORE_SCRIPTS=${{ inputs.ignore-scripts == 'true' && '1' || '' }}",
    );
    const makefile = readFileSync(join(workspaceRoot, 'Makefile'), 'utf8');
    expect(makefile).toContain('npm ci --no-audit --no-fund $(if $(IGNORE_SCRIPTS),--ignore-scripts)');
    expect(makefile).toContain('$(if $(IGNORE_SCRIPTS),node_modules/.bin/patch-package)');
    let holders = 0;
    for (const workflow of workflows) {
      for (const [id, job] of Object.entries(workflow.jobs)) {
        if (job.permissions?.['id-token'] !== 'write' || job.uses !== undefined) continue;
        holders += 1;
        for (const step of stepsOf(job)) {
          if (step.uses === './.github/actions/setup')
            expect({ job: `${workflow.file} › ${id}`, with: step.with }).toEqual({
              job: `${workflow.file} › ${id}`,
              with: expect.objectContaining({ 'ignore-scripts': 'true' }),
            });
        }
      }
    }
    expect(holders).toBeGreaterThanOrEqual(4);
  });

  it('download only artifacts that a job they need uploaded (across the reusable workflow call too)', () => {
    const deploy = byFile('deploy.yml');
    const callersOf = (file: string): Array<{ workflow: Workflow; id: string }> =>
      workflows.flatMap((workflow) =>
        Object.entries(workflow.jobs)
          .filter(([, job]) => job.uses === `./.github/workflows/${file}`)
          .map(([id]) => ({ workflow, id })),
      );
    const uploadsOf = (workflow: Workflow, id: string): string[] =>
      stepsOf(workflow.jobs[id] ?? {})
        .filter((step) => step.uses?.startsWith('actions/upload-artifact@'))
        .map((step) => String(step.with?.['name']));
    let downloads = 0;
    for (const workflow of workflows) {
      for (const [id, job] of Object.entries(workflow.jobs)) {
        for (const step of stepsOf(job)) {
          if (!step.uses?.startsWith('actions/download-artifact@')) continue;
          downloads += 1;
          const wanted = String(step.with?.['name']);
          // Jobs this one needs, here or (for a called workflow) through every caller.
          const sources: Array<{ workflow: Workflow; id: string }> = [...needsClosure(workflow, id)].map(
            (need) => ({
              workflow,
              id: need,
            }),
          );
          const callers = callersOf(workflow.file);
          for (const caller of callers)
            for (const need of needsClosure(caller.workflow, caller.id))
              sources.push({ workflow: caller.workflow, id: need });
          const uploaders = sources.filter((source) =>
            uploadsOf(source.workflow, source.id).some((name) => namesCanMatch(name, wanted)),
          );
          if (callers.length > 0) {
            // Every caller must reach an uploader of the artifact.
            for (const caller of callers) {
              const reachable = [...needsClosure(caller.workflow, caller.id)].some((need) =>
                uploadsOf(caller.workflow, need).some((name) => namesCanMatch(name, wanted)),
              );
              expect({ artifact: wanted, caller: caller.id, reachable }).toEqual({
                artifact: wanted,
                caller: caller.id,
                reachable: true,
              });
            }
          }
          expect({
            where: `${workflow.file} › ${id}`,
            artifact: wanted,
            uploaded: uploaders.length > 0,
          }).toEqual({
            where: `${workflow.file} › ${id}`,
            artifact: wanted,
            uploaded: true,
          });
        }
      }
    }
    expect(downloads).toBeGreaterThanOrEqual(3);
    expect(deploy.jobs['attest']?.steps?.some((step) => step.uses?.startsWith('actions/setup'))).toBe(false);
  });
});

describe('deploy.yml: build once, promote the same package', () => {
  const deploy = byFile('deploy.yml');
  const stage = byFile('stage.yml');

  it('runs on main', () => {
    expect(deploy.on).toMatchObject({ push: { branches: ['main'] } });
  });

  it('packages in one job without an OIDC token, and nowhere else', () => {
    const builders = workflows.flatMap((workflow) =>
      Object.entries(workflow.jobs)
        .filter(([, job]) => stepsOf(job).some((step) => /^make build /.test(String(step.run ?? ''))))
        .map(([id, job]) => ({ where: `${workflow.file} › ${id}`, idToken: job.permissions?.['id-token'] })),
    );
    expect(builders).toEqual([
      { where: 'deploy.yml › build', idToken: undefined },
      { where: 'pr.yml › build', idToken: undefined },
    ]);
    expect(stage.text).not.toMatch(/make build/);
  });

  it('sets every stage variable the serverless configuration needs, for every stage the build job packages', () => {
    const names = stageVariables();
    expect(names).toEqual(expect.arrayContaining(['AUTH_ISSUER', 'AUTH_AUDIENCE']));
    const build = deploy.jobs['build'] ?? {};
    const env = { ...deploy.env, ...build.env };
    const stages = stepsOf(build).flatMap(
      (step) => /^make build STAGE=(\w+)/.exec(String(step.run ?? ''))?.slice(1) ?? [],
    );
    expect(stages).toEqual(['dev', 'staging', 'prod']);
    for (const built of stages)
      for (const name of names) {
        const variable = `${built.toUpperCase()}_${name}`;
        expect({ variable, value: env[variable] }).toEqual({ variable, value: `\${{ vars.${variable} }}` });
      }
  });

  it('attests the manifests in a job that installs nothing, before any stage deploys', () => {
    const attest = deploy.jobs['attest'] ?? {};
    expect(attest.permissions).toEqual({ contents: 'read', 'id-token': 'write', attestations: 'write' });
    expect(stepsOf(attest).map((step) => step.uses?.split('@')[0])).toEqual([
      'actions/download-artifact',
      'actions/attest-build-provenance',
    ]);
    for (const id of ['dev', 'staging', 'prod']) expect(needsClosure(deploy, id)).toContain('attest');
  });

  it('promotes dev → staging → prod through one reusable stage workflow', () => {
    for (const [id, previous] of [
      ['dev', undefined],
      ['staging', 'dev'],
      ['prod', 'staging'],
    ] as const) {
      const job = deploy.jobs[id] ?? {};
      expect(job.uses).toBe('./.github/workflows/stage.yml');
      expect(job.with).toMatchObject({ stage: id, matrix: `\${{ needs.plan.outputs.${id}_matrix }}` });
      if (previous) expect(needsClosure(deploy, id)).toContain(previous);
    }
  });

  it('deploys each service in its stage environment: attestation, deploy, its own canary, evidence', () => {
    const job = stage.jobs['deploy'] ?? {};
    expect(job.environment).toBe('${{ inputs.stage }}');
    expect(job.strategy?.matrix).toBe('${{ fromJSON(inputs.matrix) }}');
    const runs = stepsOf(job).flatMap((step) => (step.run ? [String(step.run)] : []));
    expect(runs).toEqual([
      'make verify-attestation STAGE=${{ inputs.stage }} SERVICES=${{ matrix.service }}',
      'make deploy STAGE=${{ inputs.stage }} SERVICES=${{ matrix.service }}',
      'make canary STAGE=${{ inputs.stage }} SERVICES=${{ matrix.service }}',
      'make evidence STAGE=${{ inputs.stage }} SERVICES=${{ matrix.service }}',
    ]);
    const downloads = stepsOf(job).filter((step) => step.uses?.startsWith('actions/download-artifact@'));
    expect(downloads.map((step) => step.with?.['name'])).toEqual(['build', 'test-reports']);
    const roles = stepsOf(job).filter((step) =>
      step.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(roles.map((step) => step.with?.['role-to-assume'])).toEqual(['${{ vars.AWS_ROLE_ARN }}']);
  });

  it("gives the canary a token command and the variables it reads, and prod's canary is read-only", () => {
    const job = stage.jobs['deploy'] ?? {};
    expect(job.env).toMatchObject({
      E2E_TOKEN_COMMAND: 'node --import tsx tools/e2e/src/canary-token.ts',
      CANARY_TOKEN_URL: '${{ vars.CANARY_TOKEN_URL }}',
      CANARY_CLIENT_ID: '${{ secrets.CANARY_CLIENT_ID }}',
      CANARY_CLIENT_SECRET: '${{ secrets.CANARY_CLIENT_SECRET }}',
    });
    const canary = readFileSync(join(workspaceRoot, 'tools/e2e/src/canary.ts'), 'utf8');
    expect(canary).toContain("readOnly: stage === 'prod'");
    expect(deploy.jobs['prod']?.with).toMatchObject({ stage: 'prod' });
  });

  it('never runs two deploys of one service and stage at once, nor cancels one', () => {
    const job = stage.jobs['deploy'] as Job & { concurrency?: unknown };
    expect(job.concurrency).toEqual({
      group: 'deploy-${{ matrix.service }}-${{ inputs.stage }}',
      'cancel-in-progress': false,
    });
  });
});

describe('drift.yml', () => {
  const drift = byFile('drift.yml');

  it('runs nightly and on demand, for every stage with its read-only role', () => {
    expect(Object.keys(drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const job = drift.jobs['drift'] ?? {};
    expect(JSON.stringify(job.strategy?.matrix)).toContain('PROD_AWS_READ_ROLE_ARN');
    expect(
      stepsOf(job)
        .map((step) => step.run)
        .filter(Boolean),
    ).toEqual(['make drift STAGE=${{ matrix.stage }}']);
  });
});

describe('report.yml', () => {
  const report = byFile('report.yml');

  it('runs weekly and on demand, reads the deploy runs through the Actions API with a read-only token, and keeps the report', () => {
    expect(Object.keys(report.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const job = report.jobs['report'] ?? {};
    expect(job.permissions).toEqual({ contents: 'read', actions: 'read' });
    const steps = stepsOf(job);
    expect(steps.map((step) => step.run).filter(Boolean)).toEqual(['make report FROM=github']);
    expect(steps.find((step) => step.run)?.env?.['GITHUB_TOKEN']).toBe('${{ github.token }}');
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toContain('reports/weekly/');
  });
});
