import { describeSecret } from '../src/secret-detection';

/*
 * Credential-shaped values are assembled at run time so that this file itself holds nothing a
 * secret scanner (secretlint in CI) would report.
 */
const repeat = (text: string, times: number) => text.repeat(times);
const shapedValues: Array<[string, string, string]> = [
  ['an AWS access key id', ['AK', 'IA', repeat('Q', 16)].join(''), 'an AWS access key id'],
  ['a PEM private key', ['-----BEGIN ', 'RSA PRIVATE', ' KEY-----\nMII'].join(''), 'a private key'],
  ['a GitHub token', ['gh', 'p_', repeat('a1', 18)].join(''), 'a GitHub token'],
  ['a Slack token', ['xo', 'xb-', repeat('1', 12)].join(''), 'a Slack token'],
  ['a Stripe live key', ['sk', '_live_', repeat('z', 20)].join(''), 'a Stripe live key'],
  [
    'a JSON Web Token',
    ['ey', 'J', repeat('a', 10), '.ey', 'J', repeat('b', 10), '.', repeat('c', 10)].join(''),
    'a JSON Web Token',
  ],
  [
    'a URL with a password',
    ['postgres://app', ':hunter2', '@db.internal/app'].join(''),
    'a URL with a password in it',
  ],
  [
    'a Secrets Manager dynamic reference',
    '{{resolve:secretsmanager:prod/db:SecretString:password}}',
    'a secret resolved at deploy time',
  ],
  [
    'an SSM SecureString dynamic reference',
    '{{resolve:ssm-secure:/prod/db/password}}',
    'a secret resolved at deploy time',
  ],
];

describe('describeSecret', () => {
  it.each(shapedValues)('reports %s whatever the variable is called', (_case, value, what) => {
    expect(describeSecret('SOME_SETTING', value)).toContain(what);
  });

  it('reports a credential embedded in a Fn::Sub, known parts and all', () => {
    expect(describeSecret('DSN', { 'Fn::Sub': ['postgres://app', ':pw@${Host}/app'].join('') })).toContain(
      'a URL with a password',
    );
  });

  it.each([
    'DB_PASSWORD',
    'dbPassword',
    'api-key',
    'ApiKey',
    'CLIENT_SECRET',
    'GITHUB_TOKEN',
    'PRIVATE_KEY',
    'db.credentials',
  ])('reports %s holding a literal value', (name) => {
    expect(describeSecret(name, 'a-literal-value')).toBe(
      'its name says it is a secret and it holds a literal value',
    );
  });

  it.each([
    ['a pointer name', 'DB_PASSWORD_PARAM', 'a-literal-value'],
    ['an ARN pointer name', 'API_KEY_SECRET_ARN', 'whatever'],
    ['an SSM path', 'DB_PASSWORD', '/catalog/prod/db-password'],
    ['an ARN', 'API_TOKEN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x'],
    ['a plain SSM dynamic reference', 'API_TOKEN', '{{resolve:ssm:/catalog/prod/token-name}}'],
    ['a flag', 'ENABLE_TOKEN_CACHE', 'true'],
    ['a number', 'TOKEN_REFRESH_SECONDS', '300'],
    ['an empty value', 'API_KEY', ''],
    ['a URL without credentials', 'TOKEN_ISSUER_URL', 'https://auth.example.com/'],
    ['an issuer', 'AUTH_ISSUER', 'https://auth.example.com/'],
    ['an ordinary name', 'TABLE_NAME', 'catalog-prod'],
    ['a "key" that is not a credential', 'PARTITION_KEY', 'pk'],
  ])('ignores %s', (_case, name, value) => {
    expect(describeSecret(name, value)).toBeUndefined();
  });

  it('ignores references and values that are not strings', () => {
    expect(describeSecret('DB_PASSWORD', { Ref: 'DbPasswordParameterName' })).toBeUndefined();
    expect(describeSecret('DB_PASSWORD', { 'Fn::GetAtt': ['Secret', 'Id'] })).toBeUndefined();
    expect(describeSecret('DB_PASSWORD', ['a'])).toBeUndefined();
  });

  it('never puts the value in its answer', () => {
    const value = 'very-distinctive-value-123';
    expect(describeSecret('DB_PASSWORD', value)).not.toContain(value);
  });
});
