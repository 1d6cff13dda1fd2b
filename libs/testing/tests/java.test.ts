import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JavaNotFoundError, assertJava, parseJavaMajor, startDynamoDbLocal } from '../src';

function fakeJava(versionLine: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-java-'));
  const bin = join(dir, 'java');
  writeFileSync(bin, `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['something else', undefined],
  ])('reads %s as %s', (text, major) => {
    expect(parseJavaMajor(text)).toBe(major);
  });
});

describe('assertJava', () => {
  it('returns the major version of the java on the PATH', () => {
    expect(assertJava()).toBeGreaterThanOrEqual(17);
  });

  it('says what to install when java is missing', () => {
    expect(() => assertJava('/nonexistent/java')).toThrow(JavaNotFoundError);
    expect(() => assertJava('/nonexistent/java')).toThrow(/openjdk-17.*DYNAMODB_ENDPOINT/s);
  });

  it('refuses a java older than 17', () => {
    expect(() => assertJava(fakeJava('java version "1.8.0_392"'))).toThrow(/Java 8, which is older than 17/);
  });

  it('refuses output it cannot read', () => {
    expect(() => assertJava(fakeJava('no version here'))).toThrow(/Could not read a version/);
  });
});

describe('startDynamoDbLocal without java', () => {
  const saved = process.env['JAVA_BIN'];
  afterEach(() => {
    if (saved === undefined) delete process.env['JAVA_BIN'];
    else process.env['JAVA_BIN'] = saved;
  });

  it('fails at once with the install hint', async () => {
    process.env['JAVA_BIN'] = '/nonexistent/java';
    const started = Date.now();
    await expect(startDynamoDbLocal()).rejects.toThrow(JavaNotFoundError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
