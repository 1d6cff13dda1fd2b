import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSummaryMarkdown, compareBenchReports } from '../src/bench-compare';

describe('make bench compared with the previous run', () => {
  it('has no previous figure the first time, then compares each kept figure with the run before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const report = (p50: number, bytes: number) =>
      writeFileSync(
        join(dir, 'cold-start.json'),
        JSON.stringify({ machine: { cpus: 2 }, functions: [{ name: 'placeOrder', p50Ms: p50, bytes }] }),
      );
    report(60, 620_000);
    expect(compareBenchReports(dir, /Ms|bytes/)).toEqual([
      { report: 'cold-start', figure: 'functions[0].p50Ms', now: 60, previous: undefined },
      { report: 'cold-start', figure: 'functions[0].bytes', now: 620_000, previous: undefined },
    ]);
    expect(existsSync(join(dir, 'previous', 'cold-start.json'))).toBe(true);
    report(45, 620_000);
    const changes = compareBenchReports(dir, /Ms|bytes/);
    expect(changes).toEqual([
      { report: 'cold-start', figure: 'functions[0].p50Ms', now: 45, previous: 60 },
      { report: 'cold-start', figure: 'functions[0].bytes', now: 620_000, previous: 620_000 },
    ]);
    expect(benchSummaryMarkdown(changes).split('\n')).toEqual([
      '# Benchmarks, compared with the previous run',
      '',
      '## cold-start',
      '',
      '| figure | now | previous | change |',
      '| --- | ---: | ---: | ---: |',
      '| functions[0].p50Ms | 45 | 60 | -25.0 % |',
      '| functions[0].bytes | 620000 | 620000 | +0.0 % |',
      '',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'previous', 'cold-start.json'), 'utf8'))).toMatchObject({
      functions: [{ p50Ms: 45 }],
    });
  });

  it('answers nothing for a folder that does not exist', () => {
    expect(compareBenchReports(join(tmpdir(), 'no-bench-here-at-all'), /./)).toEqual([]);
  });
});
