import { UsageError } from '../src/errors';
import { listOf, parseDevArgs, parsePort, parseSeedArgs, parseTokenArgs } from '../src/cli-options';

describe('parseDevArgs', () => {
  it('defaults: every service (each on demand), in memory, pretty, gateway on 3000', () => {
    expect(parseDevArgs([], {})).toEqual({
      help: false,
      only: undefined,
      startAtOnce: undefined,
      persistDir: undefined,
      idleStopMs: undefined,
      maxOnDemand: undefined,
      json: false,
      gatewayPort: 3000,
      dynamodbEndpoint: undefined,
      dynamodbPort: undefined,
      gatewayConcurrency: undefined,
    });
  });

  it('reads the options, and the environment behind them', () => {
    expect(
      parseDevArgs(
        [
          '--services',
          'orders, catalog,',
          '--only',
          'orders,catalog,inventory',
          '--persist',
          '.local/data',
          '--json',
        ],
        {
          GATEWAY_PORT: '4000',
          DYNAMODB_PORT: '8000',
          SERVICES: 'inventory',
          ONLY: 'inventory',
          PERSIST: 'elsewhere',
          GATEWAY_CONCURRENCY: '4',
          IDLE_STOP: '30',
          MAX_ON_DEMAND: '3',
        },
      ),
    ).toEqual({
      help: false,
      only: ['orders', 'catalog', 'inventory'],
      startAtOnce: ['orders', 'catalog'],
      persistDir: '.local/data',
      idleStopMs: 30_000,
      maxOnDemand: 3,
      json: true,
      gatewayPort: 4000,
      dynamodbEndpoint: undefined,
      dynamodbPort: 8000,
      gatewayConcurrency: 4,
    });
    expect(
      parseDevArgs([], { SERVICES: 'inventory', PERSIST: 'p', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }),
    ).toMatchObject({
      startAtOnce: ['inventory'],
      persistDir: 'p',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
    });
    expect(parseDevArgs(['--services', 'all'], {}).startAtOnce).toBe('all');
    expect(parseDevArgs(['-h'], {}).help).toBe(true);
    expect(parseDevArgs([], { GATEWAY_PORT: '', SERVICES: '' })).toMatchObject({
      gatewayPort: 3000,
      startAtOnce: undefined,
    });
  });

  it.each([
    [['--verbose'], {}, "Unknown option '--verbose'"],
    [['--services'], {}, "Option '--services <value>' argument missing"],
    [['extra'], {}, "Unexpected argument 'extra'"],
    [[], { GATEWAY_PORT: 'http' }, 'GATEWAY_PORT must be a port number (0-65535), not "http"'],
    [[], { DYNAMODB_PORT: '70000' }, 'DYNAMODB_PORT must be a port number (0-65535), not "70000"'],
    [
      [],
      { DYNAMODB_ENDPOINT: 'localhost:8000' },
      'DYNAMODB_ENDPOINT must be a URL like http://127.0.0.1:8000, not "localhost:8000"',
    ],
    [['--persist', ' '], {}, '--persist needs a folder'],
    [
      [],
      { GATEWAY_CONCURRENCY: 'many' },
      'GATEWAY_CONCURRENCY must be a whole number (0: no limit), not "many"',
    ],
  ])('rejects %j %j with a UsageError', (args, env, message) => {
    expect(() => parseDevArgs(args, env)).toThrow(UsageError);
    expect(() => parseDevArgs(args, env)).toThrow(message);
  });
});

describe('parseTokenArgs', () => {
  it('reads sub, tenant, scope (normalised) and lifetime', () => {
    expect(
      parseTokenArgs([
        '--sub',
        'c-1',
        '--tenant',
        't-1',
        '--scope',
        ' orders:read   orders:write ',
        '--expires-in=-60',
      ]),
    ).toEqual({
      help: false,
      sub: 'c-1',
      tenant: 't-1',
      scope: 'orders:read orders:write',
      expiresInSec: -60,
    });
    expect(parseTokenArgs(['--sub', 'c', '--tenant', 't'])).toMatchObject({
      scope: undefined,
      expiresInSec: 3600,
    });
    expect(parseTokenArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--tenant', 't'], '--sub is required'],
    [['--sub', 's'], '--tenant is required'],
    [
      ['--sub', 's', '--tenant', 't', '--expires-in', '1h'],
      '--expires-in must be a whole number of seconds, not "1h"',
    ],
    [['--sub', 's', '--tenant', 't', '--aud', 'x'], "Unknown option '--aud'"],
  ])('rejects %j', (args, message) => {
    expect(() => parseTokenArgs(args)).toThrow(UsageError);
    expect(() => parseTokenArgs(args)).toThrow(message);
  });
});

describe('parseSeedArgs', () => {
  it('defaults to the gateway on GATEWAY_PORT and tenant demo', () => {
    expect(parseSeedArgs([], {})).toEqual({ help: false, baseUrl: 'http://127.0.0.1:3000', tenant: 'demo' });
    expect(parseSeedArgs([], { GATEWAY_PORT: '4100' }).baseUrl).toBe('http://127.0.0.1:4100');
    expect(parseSeedArgs(['--base-url', 'http://h:1/', '--tenant', 'acme'], {})).toEqual({
      help: false,
      baseUrl: 'http://h:1',
      tenant: 'acme',
    });
  });

  it('rejects a base URL that is not one', () => {
    expect(() => parseSeedArgs(['--base-url', 'nope'], {})).toThrow('--base-url must be a URL, not "nope"');
  });
});

describe('helpers', () => {
  it('parsePort and listOf', () => {
    expect(parsePort('0', 'P')).toBe(0);
    expect(parsePort('65535', 'P')).toBe(65535);
    expect(() => parsePort('1.5', 'P')).toThrow(UsageError);
    expect(listOf(' a ,, b ')).toEqual(['a', 'b']);
    expect(listOf(' , ')).toBeUndefined();
  });
});
