import { CiError, UsageError } from '../src/errors';
import { runCli, type CliProcess } from '../src/run-cli';

function fakeProcess(): CliProcess & { stderr: string; exitCode: number | undefined } {
  const fake = {
    stderr: '',
    exitCode: undefined as number | undefined,
    writeError: (text: string) => {
      fake.stderr += text;
    },
    setExitCode: (code: number) => {
      fake.exitCode = code;
    },
  };
  return fake;
}

describe('runCli', () => {
  it('exits 0 when main returns nothing, and with main’s code otherwise', async () => {
    const quiet = fakeProcess();
    await expect(runCli('tool', async () => undefined, quiet)).resolves.toBe(0);
    expect(quiet.exitCode).toBe(0);
    const findings = fakeProcess();
    await runCli('tool', async () => 1, findings);
    expect(findings.exitCode).toBe(1);
    expect(findings.stderr).toBe('');
  });

  it('exits 2 on a usage error, pointing at --help', async () => {
    const cli = fakeProcess();
    await runCli(
      'tool',
      async () => {
        throw new UsageError('--stage is required');
      },
      cli,
    );
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe('tool: --stage is required\nRun with --help for usage.\n');
  });

  it('exits 1 on a known failure, printing its message only', async () => {
    const cli = fakeProcess();
    await runCli(
      'tool',
      async () => {
        throw new CiError('git failed');
      },
      cli,
    );
    expect(cli.exitCode).toBe(1);
    expect(cli.stderr).toBe('tool: git failed\n');
  });

  it('exits 1 on an unexpected failure, printing its stack', async () => {
    const cli = fakeProcess();
    await runCli(
      'tool',
      async () => {
        throw new RangeError('boom');
      },
      cli,
    );
    expect(cli.exitCode).toBe(1);
    expect(cli.stderr).toMatch(/^tool: unexpected error\nRangeError: boom\n\s+at /);
    const odd = fakeProcess();
    await runCli('tool', () => Promise.reject('a string'), odd);
    expect(odd.stderr).toBe('tool: unexpected error\na string\n');
  });
});
