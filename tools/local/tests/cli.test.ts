import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createJwtVerifier } from '@platform/auth';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { findFreePort, serveJwks, type JwksServer } from '@platform/testing';
import { DEV_HELP, SEED_HELP, TOKEN_HELP } from '../src/cli-options';
import { commandLineOf, MESSAGE_COMMAND_LENGTH } from '../src/port-owner';
import { runLocalCli } from './support/run-local-cli';

async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('dev.ts', () => {
  it('prints its usage with --help', () => {
    expect(runLocalCli('dev', ['--help'])).toEqual({ status: 0, stdout: DEV_HELP, stderr: '' });
  });

  it('exits 2 on an unknown option', () => {
    expect(runLocalCli('dev', ['--verbose'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "dev: Unknown option '--verbose'\nRun with --help for usage.\n",
    });
  });

  it('exits 2 on an unknown service, listing the known ones', async () => {
    const result = runLocalCli('dev', ['--services', 'catalog,payments'], {
      GATEWAY_PORT: String(await findFreePort()),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^dev: unknown service: payments\. Known services: catalog, inventory, orders[,.]/,
    );
  }, 60_000);

  it('says in one line which process holds the gateway port, and exits 1', async () => {
    const taken = await occupyPort();
    try {
      const result = runLocalCli('dev', [], { GATEWAY_PORT: String(taken.port) });
      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: `dev: port ${taken.port} (gateway) is already in use by pid ${process.pid}: ${commandLineOf(process.pid, '/proc', MESSAGE_COMMAND_LENGTH)} — stop it, or set GATEWAY_PORT\n`,
      });
    } finally {
      await taken.close();
    }
  });

  it("says in one line which process holds DynamoDB Local's port, and exits 1", async () => {
    const taken = await occupyPort();
    try {
      const result = runLocalCli('dev', ['--services', 'catalog'], {
        GATEWAY_PORT: String(await findFreePort()),
        DYNAMODB_PORT: String(taken.port),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `dev: port ${taken.port} (DynamoDB Local) is already in use by pid ${process.pid}: ${commandLineOf(process.pid, '/proc', MESSAGE_COMMAND_LENGTH)} — stop it, or set another DYNAMODB_PORT\n`,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await taken.close();
    }
  }, 60_000);
});

describe('dev.ts without Java', () => {
  it('says what to install, without a stack trace, exits 1 and leaves nothing listening', async () => {
    const gatewayPort = await findFreePort();
    const result = runLocalCli('dev', ['--services', 'catalog'], {
      GATEWAY_PORT: String(gatewayPort),
      JAVA_BIN: '/nonexistent/java',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^dev: Could not run `\/nonexistent\/java -version`/);
    expect(result.stderr).toContain('DynamoDB Local needs Java 17 or newer');
    expect(result.stderr).toContain('DYNAMODB_ENDPOINT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(fetch(`http://127.0.0.1:${gatewayPort}/_stack`)).rejects.toThrow();
  }, 60_000);
});

describe('token.ts', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    const issuer = await loadOrCreateDevIssuer();
    jwks = await serveJwks(() => issuer.jwks());
  });
  afterAll(() => jwks.close());

  it('prints exactly one JWT that a verifier trusting the dev issuer accepts', async () => {
    const result = runLocalCli('token', [
      '--sub',
      'customer-7',
      '--tenant',
      'tenant-7',
      '--scope',
      'catalog:read orders:write',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verifier = createJwtVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksUrl: jwks.url });
    await expect(verifier.verify(result.stdout.trim())).resolves.toEqual({
      sub: 'customer-7',
      tenantId: 'tenant-7',
      scopes: ['catalog:read', 'orders:write'],
    });
  });

  it('mints an already expired token with a negative --expires-in', async () => {
    const result = runLocalCli('token', ['--sub', 'c', '--tenant', 't', '--expires-in=-120']);
    const verifier = createJwtVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksUrl: jwks.url });
    await expect(verifier.verify(result.stdout.trim())).rejects.toThrow('token expired');
  });

  it('exits 2 without --sub, and prints its usage with --help', () => {
    expect(runLocalCli('token', ['--tenant', 't'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'token: --sub is required\nRun with --help for usage.\n',
    });
    expect(runLocalCli('token', ['--help'])).toEqual({ status: 0, stdout: TOKEN_HELP, stderr: '' });
  });
});

describe('seed.ts', () => {
  it('says to start the stack when the gateway does not answer, and exits 1', async () => {
    const port = await findFreePort();
    const result = runLocalCli('seed', [], { GATEWAY_PORT: String(port) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^seed: cannot reach the local stack at http://127\\.0\\.0\\.1:${port} .*is \`make dev\` running\\?`,
      ),
    );
  });

  it('prints its usage with --help', () => {
    expect(runLocalCli('seed', ['--help'])).toEqual({ status: 0, stdout: SEED_HELP, stderr: '' });
  });
});
