const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { resolveStageVariable, stageEnvSource } = require('../src/stage-config');

const workspaceRoot = join(__dirname, '..', '..', '..');

describe('resolveStageVariable', () => {
  it("takes the stage's own variable first, then the plain one", () => {
    const env = { STAGING_AUTH_ISSUER: 'https://staging.issuer/', AUTH_ISSUER: 'https://any.issuer/' };
    expect(resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'staging', env })).toBe(
      'https://staging.issuer/',
    );
    expect(resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'prod', env })).toBe('https://any.issuer/');
  });

  it('reads <STAGE>_<NAME> from the file STAGE_CONFIG_FILE names, after the environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stage-config-')), 'stages.env');
    writeFileSync(
      file,
      '# comment\nPROD_AUTH_ISSUER=https://from.file/\nAUTH_AUDIENCE=ignored-without-prefix\n',
    );
    expect(
      resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'prod', env: { STAGE_CONFIG_FILE: file } }),
    ).toBe('https://from.file/');
    expect(
      resolveStageVariable({
        name: 'AUTH_ISSUER',
        stage: 'prod',
        env: { STAGE_CONFIG_FILE: file, PROD_AUTH_ISSUER: 'https://env.wins/' },
      }),
    ).toBe('https://env.wins/');
    expect(() =>
      resolveStageVariable({ name: 'AUTH_AUDIENCE', stage: 'prod', env: { STAGE_CONFIG_FILE: file } }),
    ).toThrow(/AUTH_AUDIENCE is not set for stage "prod"/);
  });

  it('gives the local stage no value when nothing is set, so the fallback in serverless.yml applies', () => {
    expect(resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'local', env: {} })).toBeNull();
    expect(resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'local', env: { AUTH_ISSUER: 'x' } })).toBe(
      'x',
    );
  });

  it('fails any other stage without a value, naming the variable and where to set it', () => {
    expect(() =>
      resolveStageVariable({ name: 'AUTH_ISSUER', stage: 'dev', env: { DEV_AUTH_ISSUER: '' } }),
    ).toThrow(
      'AUTH_ISSUER is not set for stage "dev" (only "local" has a default): set DEV_AUTH_ISSUER or AUTH_ISSUER. ' +
        "In GitHub Actions: the repository variable DEV_AUTH_ISSUER, which deploy.yml's build job passes on",
    );
  });

  it('refuses a name that is not an environment variable name', () => {
    expect(() => resolveStageVariable({ name: 'authIssuer', stage: 'dev', env: {} })).toThrow(/in capitals/);
  });

  it('says which file it cannot read', () => {
    expect(() =>
      resolveStageVariable({
        name: 'X',
        stage: 'dev',
        env: { STAGE_CONFIG_FILE: '/nonexistent/stages.env' },
      }),
    ).toThrow('STAGE_CONFIG_FILE names /nonexistent/stages.env, which cannot be read');
  });
});

describe('the stageEnv variable source', () => {
  class UserError extends Error {}

  it('resolves against the --stage option, else provider.stage, and throws the framework error type', async () => {
    const source = stageEnvSource(UserError);
    const saved = process.env.QA_SOME_URL;
    process.env.QA_SOME_URL = 'https://qa.host/';
    try {
      await expect(
        source.resolve({
          address: 'SOME_URL',
          options: { stage: 'qa' },
          resolveConfigurationProperty: async () => 'x',
        }),
      ).resolves.toEqual({ value: 'https://qa.host/' });
      await expect(
        source.resolve({ address: 'SOME_URL', options: {}, resolveConfigurationProperty: async () => 'qa' }),
      ).resolves.toEqual({ value: 'https://qa.host/' });
      await expect(
        source.resolve({
          address: 'OTHER',
          options: {},
          resolveConfigurationProperty: async () => undefined,
        }),
      ).rejects.toBeInstanceOf(UserError);
    } finally {
      if (saved === undefined) delete process.env.QA_SOME_URL;
      else process.env.QA_SOME_URL = saved;
    }
  });
});

describe('serverless package (real osls) and the stage configuration', () => {
  const serverless = join(workspaceRoot, 'node_modules/serverless/bin/serverless.js');
  const baseEnv = () => {
    const env = {
      ...process.env,
      SLS_TELEMETRY_DISABLED: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    for (const name of Object.keys(env))
      if (/AUTH_(ISSUER|AUDIENCE)$|^STAGE_CONFIG_FILE$/.test(name)) delete env[name];
    return env;
  };

  it('fails `serverless package --stage staging` without AUTH_ISSUER, naming it and where to set it', () => {
    const result = spawnSync(
      process.execPath,
      [serverless, 'package', '--stage', 'staging', '--package', mkdtempSync(join(tmpdir(), 'pkg-'))],
      { cwd: join(workspaceRoot, 'apps/catalog'), env: baseEnv(), encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(
      'AUTH_ISSUER is not set for stage "staging" (only "local" has a default): set STAGING_AUTH_ISSUER or AUTH_ISSUER.',
    );
    expect(result.stdout + result.stderr).toContain('repository variable STAGING_AUTH_ISSUER');
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('packages the local stage with the local fallbacks and no variable set', () => {
    const out = execFileSync(
      process.execPath,
      [serverless, 'print', '--stage', 'local', '--path', 'provider.environment'],
      {
        cwd: join(workspaceRoot, 'apps/catalog'),
        env: baseEnv(),
        encoding: 'utf8',
      },
    );
    expect(out).toContain('AUTH_ISSUER: https://dev-issuer.serverless-factory.local/');
    expect(out).toContain('AUTH_AUDIENCE: serverless-factory');
  });
});

describe('serverless deploy --package: the stage configuration recorded in the package', () => {
  class UserError extends Error {}
  const { packagedStageConfig } = require('../src/stage-config');

  function packageWith(stageConfig) {
    const dir = mkdtempSync(join(tmpdir(), 'package-'));
    const template = {
      Metadata: { Platform: { service: 'catalog', stage: 'prod', ...(stageConfig ? { stageConfig } : {}) } },
    };
    writeFileSync(
      join(dir, 'serverless-state.json'),
      JSON.stringify({ service: { provider: { compiledCloudFormationTemplate: template } } }),
    );
    return dir;
  }

  it('takes the value the package was built with, not the environment', async () => {
    const dir = packageWith({ AUTH_ISSUER: 'https://issuer.from.package/' });
    const source = stageEnvSource(UserError, { deployedPackage: () => dir });
    await expect(
      source.resolve({
        address: 'AUTH_ISSUER',
        options: { stage: 'prod' },
        resolveConfigurationProperty: async () => 'prod',
      }),
    ).resolves.toEqual({ value: 'https://issuer.from.package/' });
  });

  it('refuses a package that recorded no such variable, and a folder that is no package', async () => {
    const source = stageEnvSource(UserError, { deployedPackage: () => packageWith(undefined) });
    await expect(
      source.resolve({
        address: 'AUTH_ISSUER',
        options: { stage: 'prod' },
        resolveConfigurationProperty: async () => 'prod',
      }),
    ).rejects.toThrow(/records no AUTH_ISSUER for stage "prod": package it again/);
    expect(() => packagedStageConfig(mkdtempSync(join(tmpdir(), 'empty-')))).toThrow(
      /holds no serverless-state.json/,
    );
  });

  it('records what serverless package resolved, for the plugin to write into the template', async () => {
    const recorded = {};
    const saved = process.env.PROD_RECORDED_VALUE;
    process.env.PROD_RECORDED_VALUE = 'kept';
    try {
      await stageEnvSource(UserError, { recorded }).resolve({
        address: 'RECORDED_VALUE',
        options: { stage: 'prod' },
        resolveConfigurationProperty: async () => 'prod',
      });
    } finally {
      if (saved === undefined) delete process.env.PROD_RECORDED_VALUE;
      else process.env.PROD_RECORDED_VALUE = saved;
    }
    expect(recorded).toEqual({ RECORDED_VALUE: 'kept' });
  });
});
