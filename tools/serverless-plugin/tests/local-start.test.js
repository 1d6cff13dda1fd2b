'use strict';

const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { LOCAL_START_CONFIG_VARIABLE, localStartConfig, prepareLocalStart } = require('../src/local-start');

/** esbuild service processes this process started (`esbuild --service=…`). */
function esbuildChildren() {
  const lines = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  }).split('\n');
  return lines.filter((line) => /esbuild.* --service=/.test(line));
}

/** A resolved service as serverless holds it, with only what the local stack reads. */
const service = {
  service: 'catalog',
  resources: {
    Resources: {
      ServiceTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'catalog-local' } },
      Topic: { Type: 'AWS::SNS::Topic' },
    },
  },
  custom: { esbuild: { watch: { pattern: ['src/**/*.ts'] } }, owner: 'team-catalog' },
  package: { individually: true, patterns: ['!**'] },
  functions: {
    health: { handler: 'src/handlers/health.handler', package: { patterns: ['!tests/**'] } },
    list: { handler: 'src/handlers/list.handler' },
  },
};

describe('local-start', () => {
  let dir;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps of the resolved service its resources, esbuild settings and package patterns, nothing else', () => {
    expect(localStartConfig(service)).toEqual({
      service: 'catalog',
      resources: service.resources,
      custom: { esbuild: service.custom.esbuild },
      package: service.package,
      functions: { health: { package: { patterns: ['!tests/**'] } }, list: { package: {} } },
    });
  });

  it('writes that to the file LOCAL_STACK_CONFIG_FILE names, and nothing when it is unset', async () => {
    const file = join(dir, 'catalog.json');
    await prepareLocalStart(service, { [LOCAL_START_CONFIG_VARIABLE]: file });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(localStartConfig(service));
    await expect(prepareLocalStart(service, {})).resolves.toBeUndefined();
  });

  it("stops esbuild's service process after a plain build (skipRebuild), and esbuild builds again afterwards", async () => {
    const esbuild = require('esbuild');
    const build = () => esbuild.build({ stdin: { contents: 'export const a = 1' }, write: false });
    await build();
    expect(esbuildChildren()).toHaveLength(1);
    await prepareLocalStart({ ...service, custom: { esbuild: { skipRebuild: true } } }, {});
    expect(esbuildChildren()).toHaveLength(0);
    expect((await build()).outputFiles).toHaveLength(1);
    await esbuild.stop();
  });

  it('leaves esbuild running after an incremental build (no skipRebuild): its context is kept for rebuilds', async () => {
    const esbuild = require('esbuild');
    await esbuild.build({ stdin: { contents: 'export const a = 1' }, write: false });
    await prepareLocalStart(service, {});
    expect(esbuildChildren()).toHaveLength(1);
    await esbuild.stop();
  });
});
