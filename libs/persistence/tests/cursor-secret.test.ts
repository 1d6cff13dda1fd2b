import { SSMClient } from '@aws-sdk/client-ssm';
import { PersistenceConfigError, ThrottledError, createCursorCodec, loadCursorSecret } from '../src';
import {
  type Answer,
  type LocalEndpoint,
  type ReceivedRequest,
  startLocalEndpoint,
} from './support/local-endpoint';

const secret = 'a-cursor-secret-of-at-least-32-bytes!';

/** A real SSM client talking to a local HTTP server that answers like SSM. */
function ssmClient(endpoint: LocalEndpoint): SSMClient {
  return new SSMClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

function ssmParameters(parameters: Record<string, string>): (request: ReceivedRequest) => Answer {
  return (request) => {
    const { Name } = JSON.parse(request.body) as { Name: string };
    const value = parameters[Name];
    if (value === undefined) return { status: 400, body: { __type: 'ParameterNotFound', message: 'nope' } };
    return { status: 200, body: { Parameter: { Name, Type: 'SecureString', Value: value, Version: 1 } } };
  };
}

describe('loadCursorSecret', () => {
  let endpoint: LocalEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it('returns CURSOR_SECRET when it is set, without asking SSM', async () => {
    endpoint = await startLocalEndpoint(ssmParameters({}));
    const ssm = ssmClient(endpoint);
    await expect(
      loadCursorSecret({ CURSOR_SECRET: secret, CURSOR_SECRET_PARAMETER: '/x' }, { ssm }),
    ).resolves.toBe(secret);
    expect(endpoint.requests).toHaveLength(0);
    ssm.destroy();
  });

  it('reads the SecureString named by CURSOR_SECRET_PARAMETER, with decryption', async () => {
    endpoint = await startLocalEndpoint(ssmParameters({ '/catalog/dev/cursor-secret': secret }));
    const ssm = ssmClient(endpoint);
    const loaded = await loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/catalog/dev/cursor-secret' }, { ssm });
    expect(loaded).toBe(secret);
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]?.target).toBe('AmazonSSM.GetParameter');
    expect(JSON.parse(endpoint.requests[0]?.body ?? '{}')).toEqual({
      Name: '/catalog/dev/cursor-secret',
      WithDecryption: true,
    });
    expect(() => createCursorCodec(loaded)).not.toThrow();
    ssm.destroy();
  });

  it('builds its own SSM client for AWS_REGION when none is given', async () => {
    // The SDK's own service-specific endpoint variable points the client it builds at the local server.
    endpoint = await startLocalEndpoint(ssmParameters({ '/s': secret }));
    const saved = process.env['AWS_ENDPOINT_URL_SSM'];
    process.env['AWS_ENDPOINT_URL_SSM'] = endpoint.url;
    try {
      await expect(
        loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/s', AWS_REGION: 'eu-west-1' }),
      ).resolves.toBe(secret);
      expect(endpoint.requests).toHaveLength(1);
      expect(endpoint.requests[0]?.authorization).toContain('/eu-west-1/ssm/aws4_request');
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL_SSM'];
      else process.env['AWS_ENDPOINT_URL_SSM'] = saved;
    }
  });

  it('names both variables when neither is set', async () => {
    const error = await loadCursorSecret({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersistenceConfigError);
    expect((error as Error).message).toMatch(/CURSOR_SECRET\b.*CURSOR_SECRET_PARAMETER/);
  });

  it('refuses a CURSOR_SECRET shorter than 32 bytes, naming it', async () => {
    await expect(loadCursorSecret({ CURSOR_SECRET: 'short' })).rejects.toThrow(
      /CURSOR_SECRET must be at least 32 bytes long, got 5/,
    );
  });

  it('refuses a parameter that does not exist, naming it', async () => {
    endpoint = await startLocalEndpoint(ssmParameters({}));
    const ssm = ssmClient(endpoint);
    const error = await loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/missing' }, { ssm }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PersistenceConfigError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/\/missing/),
      cause: { name: 'ParameterNotFound' },
    });
    ssm.destroy();
  });

  it('refuses a parameter that is too short or empty', async () => {
    endpoint = await startLocalEndpoint(ssmParameters({ '/short': 'tiny', '/empty': '' }));
    const ssm = ssmClient(endpoint);
    await expect(loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/short' }, { ssm })).rejects.toThrow(
      /SSM parameter \/short must be at least 32 bytes/,
    );
    await expect(loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/empty' }, { ssm })).rejects.toThrow(
      /is empty/,
    );
    ssm.destroy();
  });

  it('translates SSM throttling into ThrottledError', async () => {
    endpoint = await startLocalEndpoint(() => ({
      status: 400,
      body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
    }));
    const ssm = ssmClient(endpoint);
    await expect(loadCursorSecret({ CURSOR_SECRET_PARAMETER: '/s' }, { ssm })).rejects.toBeInstanceOf(
      ThrottledError,
    );
    ssm.destroy();
  });
});
