import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFailure, formatStageTable, runPipeline, type PipelineStage } from '../src/pipeline';

function clock(): () => number {
  let now = 0;
  return () => (now += 1500);
}

describe('runPipeline', () => {
  it('runs every stage in order, timing each', async () => {
    const order: string[] = [];
    const stages: PipelineStage[] = ['validate', 'test', 'build'].map((name) => ({
      name,
      description: `${name} things`,
      run: async (log) => {
        order.push(name);
        log(`${name} output`);
      },
    }));
    const printed: string[] = [];
    const results = await runPipeline(stages, (line) => printed.push(line), clock());
    expect(order).toEqual(['validate', 'test', 'build']);
    expect(results.map((r) => [r.name, r.status, r.durationMs])).toEqual([
      ['validate', 'passed', 1500],
      ['test', 'passed', 1500],
      ['build', 'passed', 1500],
    ]);
    expect(printed).toContain('✔ test passed in 1.5 s');
  });

  it('stops at the first failing stage, keeps its error and output, and skips the rest', async () => {
    const ran: string[] = [];
    const stages: PipelineStage[] = [
      { name: 'validate', description: 'lint', run: async () => void ran.push('validate') },
      {
        name: 'test',
        description: 'tests',
        run: async (log) => {
          ran.push('test');
          log('FAIL apps/catalog/tests/x.test.ts');
          throw new Error('make test exited with 2');
        },
      },
      { name: 'build', description: 'package', run: async () => void ran.push('build') },
      { name: 'deploy', description: 'deploy', run: async () => false },
    ];
    const results = await runPipeline(stages, () => undefined, clock());
    expect(ran).toEqual(['validate', 'test']);
    expect(results.map((r) => r.status)).toEqual(['passed', 'failed', 'skipped', 'skipped']);
    const failure = results[1];
    expect(failure?.error).toBe('make test exited with 2');
    expect(formatFailure(failure!)).toContain('  | FAIL apps/catalog/tests/x.test.ts');
  });

  it('treats a stage resolving false as failed', async () => {
    const results = await runPipeline(
      [{ name: 'canary', description: 'e2e', run: async () => false }],
      () => undefined,
      clock(),
    );
    expect(results[0]?.status).toBe('failed');
  });

  it('keeps only the last 60 lines of a stage', async () => {
    const results = await runPipeline(
      [
        {
          name: 'noisy',
          description: 'x',
          run: async (log) =>
            Array.from({ length: 100 }, (_, i) => log(`line ${i}`)).forEach(() => undefined),
        },
      ],
      () => undefined,
      clock(),
    );
    expect(results[0]?.tail).toHaveLength(60);
    expect(results[0]?.tail[0]).toBe('line 40');
  });
});

describe('formatStageTable', () => {
  it('lists stage, status, time and what, with a total', () => {
    const table = formatStageTable([
      { name: 'validate', description: 'lint', status: 'passed', durationMs: 12_300, tail: [] },
      { name: 'test', description: 'tests', status: 'failed', durationMs: 4_000, tail: [] },
      { name: 'build', description: 'package', status: 'skipped', durationMs: 0, tail: [] },
    ]);
    expect(table.split('\n')).toEqual([
      'stage     status       time  what',
      'validate  passed     12.3 s  lint',
      'test      failed      4.0 s  tests',
      'build     skipped         -  package',
      'total                16.3 s',
    ]);
  });
});

describe('make ci (cli/pipeline.ts)', () => {
  it('runs its stages in order: fuzz after canary on the same stack, then the fault suite, before evidence collects their JUnit', () => {
    const source = readFileSync(join(__dirname, '..', 'src', 'cli', 'pipeline.ts'), 'utf8');
    const names = [...source.matchAll(/^\s+name: '([a-z]+)',$/gm)].map((match) => match[1]);
    expect([...new Set(names)]).toEqual([
      'validate',
      'test',
      'build',
      'deploy',
      'canary',
      'fuzz',
      'faults',
      'evidence',
    ]);
    expect(source).toContain("make(['fuzz', `BASE_URL=${baseUrl}`, ...selection], log)");
    expect(source).toContain("make(['faults'], log)");
  });
});
