import { renderString } from './intrinsics';

/** Value shapes that are credentials whatever the variable is called. */
const SECRET_VALUE_PATTERNS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /\b[rs]k_live_[A-Za-z0-9]{16,}/, what: 'a Stripe live key' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: 'a JSON Web Token' },
  { pattern: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: 'a URL with a password in it' },
  {
    pattern: /\{\{resolve:(secretsmanager|ssm-secure):/,
    what: 'a secret resolved at deploy time, stored in plain text in the function configuration',
  },
];

/** Name words that mark a variable as holding a secret. */
const SECRET_WORDS = new Set(['SECRET', 'PASSWORD', 'PASSWD', 'PWD', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS']);
const SECRET_WORD_PAIRS = new Set([
  'API KEY',
  'APIKEY',
  'PRIVATE KEY',
  'ACCESS KEY',
  'SECRET KEY',
  'SIGNING KEY',
  'ENCRYPTION KEY',
  'AUTH KEY',
]);
/** A last word that says the variable names or locates a secret rather than holding it. */
const POINTER_WORDS = new Set([
  'ARN',
  'NAME',
  'PARAM',
  'PARAMETER',
  'PATH',
  'ID',
  'URL',
  'URI',
  'ENDPOINT',
  'TTL',
  'HEADER',
  'ISSUER',
  'AUDIENCE',
  'TABLE',
  'ENABLED',
  'REGION',
  'LENGTH',
  'TYPE',
  'FIELD',
]);

/** Splits `dbPassword`, `DB_PASSWORD` or `db-password` into upper-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toUpperCase());
}

function hasSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || POINTER_WORDS.has(last)) return false;
  return words.some(
    (word, index) =>
      SECRET_WORDS.has(word) ||
      SECRET_WORD_PAIRS.has(word) ||
      SECRET_WORD_PAIRS.has(`${word} ${words[index + 1]}`),
  );
}

/** Literal values that cannot be a secret: empty, booleans, numbers, parameter paths, ARNs, plain URLs. */
function isBenignValue(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === '' ||
    /^(true|false|yes|no|on|off|null|none)$/i.test(trimmed) ||
    /^-?\d+(\.\d+)?$/.test(trimmed) ||
    trimmed.startsWith('/') ||
    trimmed.startsWith('arn:') ||
    trimmed.startsWith('{{resolve:ssm:') ||
    /^https?:\/\/[^@]*$/i.test(trimmed)
  );
}

/**
 * Says why an environment variable looks like it holds a secret, or `undefined` when it does not.
 * Two signals: a value shaped like a credential (whatever the name), or a secret-sounding name
 * (`DB_PASSWORD`, `apiKey`) with a literal value that is not a pointer to a secret store.
 * The value itself is never part of the answer, so it cannot leak into reports.
 *
 * @example
 * describeSecret('DB_PASSWORD', 'hunter2!'); // 'its name says it is a secret and it holds a literal value'
 * describeSecret('DB_PASSWORD_PARAM', '/catalog/prod/db-password'); // undefined
 */
export function describeSecret(name: string, value: unknown): string | undefined {
  const rendered = renderString(value);
  if (!rendered) return undefined;
  const shaped = SECRET_VALUE_PATTERNS.find(({ pattern }) => pattern.test(rendered.text));
  if (shaped) return `its value is ${shaped.what}`;
  if (rendered.exact && hasSecretName(name) && !isBenignValue(rendered.text)) {
    return 'its name says it is a secret and it holds a literal value';
  }
  return undefined;
}
