import { DevIssuerError } from '@platform/auth/dev-issuer';
import { PortInUseError, UsageError } from '../src/errors';
import { runCli, type CliProcess } from '../src/run-cli';

function fakeProcess(): CliProcess & { errors: string[]; code: number | undefined } {
  const fake = {
    errors: [] as string[],
    code: undefined as number | undefined,
    writeError: (text: string) => fake.errors.push(text),
    setExitCode: (code: number) => {
      fake.code = code;
    },
  };
  return fake;
}

describe('runCli', () => {
  it("exits with main's code, 0 when it returns nothing", async () => {
    const cli = fakeProcess();
    expect(await runCli('x', async () => 3, cli)).toBe(3);
    expect(await runCli('x', async () => undefined, cli)).toBe(0);
    expect(cli.errors).toEqual([]);
  });

  it('exits 2 on bad usage, pointing at --help', async () => {
    const cli = fakeProcess();
    await runCli('dev', () => Promise.reject(new UsageError("Unknown option '--x'")), cli);
    expect(cli.code).toBe(2);
    expect(cli.errors).toEqual(["dev: Unknown option '--x'\nRun with --help for usage.\n"]);
  });

  it('exits 1 with the one-line message of an error it knows, no stack trace', async () => {
    const cli = fakeProcess();
    await runCli(
      'dev',
      () =>
        Promise.reject(
          new PortInUseError(3000, 'gateway', { pid: 7, command: 'node x' }, 'set GATEWAY_PORT'),
        ),
      cli,
    );
    await runCli('token', () => Promise.reject(new DevIssuerError('cannot read the key')), cli);
    expect(cli.code).toBe(1);
    expect(cli.errors).toEqual([
      'dev: port 3000 (gateway) is already in use by pid 7: node x — set GATEWAY_PORT\n',
      'token: cannot read the key\n',
    ]);
  });

  it('exits 1 with the stack of anything unexpected', async () => {
    const cli = fakeProcess();
    await runCli('dev', () => Promise.reject(new TypeError('boom')), cli);
    expect(cli.code).toBe(1);
    expect(cli.errors[0]).toMatch(/^dev: unexpected error\nTypeError: boom\n {4}at /);
  });
});
