import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What the workflows must do (issue: pr, deploy and drift workflows), checked on their YAML. */
const workflowsDir = join(__dirname, '..', '..', '..', '.github', 'workflows');

function load(name: string): unknown {
  return parse(readFileSync(join(workflowsDir, name), 'utf8')) as unknown;
}

/** The value at `path` in parsed YAML, or undefined. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function jobsOf(workflow: unknown): Record<string, unknown> {
  const jobs = at(workflow, 'jobs');
  if (typeof jobs !== 'object' || jobs === null) throw new Error('workflow has no jobs');
  return jobs as Record<string, unknown>;
}

function stepsOf(job: unknown): Array<Record<string, unknown>> {
  const steps = at(job, 'steps');
  return Array.isArray(steps) ? (steps as Array<Record<string, unknown>>) : [];
}

/** Index of the first step whose `run` or `uses` contains `text`. */
function stepIndex(job: unknown, text: string): number {
  return stepsOf(job).findIndex((step) =>
    `${String(step['run'] ?? '')} ${String(step['uses'] ?? '')}`.includes(text),
  );
}

const names = ['pr.yml', 'deploy.yml', 'drift.yml'];

describe.each(names)('%s', (name) => {
  const workflow = load(name);

  it('grants nothing at the top and declares least-privilege permissions on every job', () => {
    expect(at(workflow, 'permissions')).toEqual({});
    for (const [id, job] of Object.entries(jobsOf(workflow))) {
      const permissions = at(job, 'permissions');
      expect({ id, permissions }).toEqual({ id, permissions: expect.any(Object) });
      expect(
        Object.values(permissions as object).every((level) => level === 'read' || level === 'write'),
      ).toBe(true);
    }
  });

  it('pins every action by major version', () => {
    for (const job of Object.values(jobsOf(workflow))) {
      for (const step of stepsOf(job)) {
        if (step['uses'] !== undefined) expect(String(step['uses'])).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
      }
    }
  });
});

describe('pr.yml', () => {
  const jobs = jobsOf(load('pr.yml'));

  it('runs on pull requests and validates, tests and builds only what is affected', () => {
    expect(at(load('pr.yml'), 'on', 'pull_request')).toBeDefined();
    expect(stepIndex(jobs['affected'], 'tools/ci/src/cli/affected.ts')).toBeGreaterThanOrEqual(0);
    expect(stepIndex(jobs['validate'], 'make validate AFFECTED=1')).toBeGreaterThanOrEqual(0);
    expect(stepIndex(jobs['test'], 'make test AFFECTED=1')).toBeGreaterThanOrEqual(0);
    expect(at(jobs['build'], 'if')).toBe("needs.affected.outputs.count != '0'");
    expect(stepIndex(jobs['build'], 'make build')).toBeGreaterThanOrEqual(0);
  });

  it('lists the affected services and why in the job summary', () => {
    const run = String(stepsOf(jobs['affected'])[stepIndex(jobs['affected'], 'affected.ts')]?.['run']);
    expect(run).toContain('--summary "$GITHUB_STEP_SUMMARY"');
  });

  it('uploads JUnit, coverage and SARIF', () => {
    const uploads = Object.values(jobs)
      .flatMap(stepsOf)
      .map(
        (step) =>
          `${String(step['uses'] ?? '')} ${String(at(step, 'with', 'path') ?? at(step, 'with', 'sarif_file') ?? '')}`,
      );
    expect(uploads).toEqual(
      expect.arrayContaining([
        'actions/upload-artifact@v4 reports/junit/',
        'actions/upload-artifact@v4 coverage/',
        'github/codeql-action/upload-sarif@v3 reports/sarif',
      ]),
    );
  });
});

describe('deploy.yml', () => {
  const workflow = load('deploy.yml');
  const jobs = jobsOf(workflow);
  const stages = ['dev', 'staging', 'prod'];

  it('runs on main', () => {
    expect(at(workflow, 'on', 'push', 'branches')).toEqual(['main']);
  });

  it('promotes stage by stage: plan → deploy → canary, dev then staging then prod', () => {
    expect(at(jobs['deploy-dev'], 'needs')).toBe('plan');
    expect(at(jobs['canary-dev'], 'needs')).toEqual(['plan', 'deploy-dev']);
    expect(at(jobs['deploy-staging'], 'needs')).toEqual(['plan', 'deploy-dev', 'canary-dev']);
    expect(at(jobs['canary-staging'], 'needs')).toEqual(['plan', 'deploy-staging']);
    expect(at(jobs['deploy-prod'], 'needs')).toEqual(['plan', 'deploy-staging', 'canary-staging']);
    expect(at(jobs['canary-prod'], 'needs')).toEqual(['plan', 'deploy-prod']);
  });

  it('plans each stage from the deployed shas in SSM', () => {
    for (const stage of stages) {
      expect(
        stepIndex(jobs['plan'], `deploy-plan.ts --stage ${stage} --head "$GITHUB_SHA" --store ssm`),
      ).toBeGreaterThanOrEqual(0);
    }
  });

  describe.each(stages)('deploy-%s', (stage) => {
    const job = jobs[`deploy-${stage}`];

    it(`deploys the planned matrix in the ${stage} environment with its own OIDC role`, () => {
      expect(at(job, 'environment')).toBe(stage);
      expect(at(job, 'strategy', 'matrix')).toBe(`\${{ fromJSON(needs.plan.outputs.${stage}_matrix) }}`);
      expect(at(job, 'permissions', 'id-token')).toBe('write');
      const credentials = stepsOf(job).find((step) =>
        String(step['uses']).startsWith('aws-actions/configure-aws-credentials@'),
      );
      expect(at(credentials, 'with', 'role-to-assume')).toBe(
        `\${{ vars.AWS_ROLE_ARN_${stage.toUpperCase()} }}`,
      );
    });

    it('never runs two deploys of one service and stage at once, nor cancels one', () => {
      expect(at(job, 'concurrency')).toEqual({
        group: `deploy-\${{ matrix.service }}-${stage}`,
        'cancel-in-progress': false,
      });
    });

    it('saves and uploads the change set before deploying, and records the sha after', () => {
      const changeSet = stepIndex(job, 'tools/ci/src/cli/change-set.ts');
      const upload = stepsOf(job).findIndex((step) =>
        String(at(step, 'with', 'name')).startsWith('change-set-'),
      );
      const deploy = stepIndex(job, 'make deploy');
      const record = stepIndex(job, 'tools/ci/src/cli/record-deploy.ts');
      expect(changeSet).toBeGreaterThan(stepIndex(job, 'make build'));
      expect(upload).toBeGreaterThan(changeSet);
      expect(deploy).toBeGreaterThan(upload);
      expect(record).toBeGreaterThan(deploy);
    });

    it('attests the build manifest', () => {
      const attest = stepsOf(job).find((step) =>
        String(step['uses']).startsWith('actions/attest-build-provenance@'),
      );
      expect(at(attest, 'with', 'subject-path')).toBe(`dist/\${{ matrix.service }}/${stage}/manifest.json`);
    });
  });
});

describe('drift.yml', () => {
  const workflow = load('drift.yml');
  const drift = jobsOf(workflow)['drift'];

  it('runs nightly and on demand', () => {
    expect(at(workflow, 'on', 'schedule')).toEqual([{ cron: expect.any(String) }]);
    expect(at(workflow, 'on')).toHaveProperty('workflow_dispatch');
  });

  it('checks every service in every stage, failing on drift', () => {
    expect(at(drift, 'strategy', 'matrix', 'stage')).toEqual(['dev', 'staging', 'prod']);
    const run = String(stepsOf(drift)[stepIndex(drift, 'detect-stack-drift')]?.['run']);
    expect(run).toContain('describe-stack-drift-detection-status');
    expect(run).toContain('describe-stack-resource-drifts');
    expect(run).toMatch(/"\$drift_status" = DRIFTED \]; then[\s\S]*exit 1/);
  });
});
