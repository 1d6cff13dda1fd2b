import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../src/finding';
import { normalizeRouteKey, serverlessRouteKey } from '../src/route-keys';
import {
  locateFindings,
  normalizeFunctionKey,
  ServerlessYamlIndex,
  TemplateTextIndex,
} from '../src/source-locations';
import { parseTemplate } from '../src/template';

const workspace = join(__dirname, 'fixtures', 'workspace');
const serverlessYml = readFileSync(join(workspace, 'apps/catalog/serverless.yml'), 'utf8');
const templateText = readFileSync(
  join(workspace, 'dist/catalog/prod/cloudformation-template-update-stack.json'),
  'utf8',
);
const template = parseTemplate(templateText, 'template.json');

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineContaining = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('normalizeFunctionKey', () => {
  it('capitalises and spells out dashes and underscores, as the framework does', () => {
    expect(normalizeFunctionKey('health')).toBe('Health');
    expect(normalizeFunctionKey('get-openapi')).toBe('GetDashopenapi');
    expect(normalizeFunctionKey('place_order')).toBe('PlaceUnderscoreorder');
  });
});

describe('serverlessRouteKey', () => {
  it.each([
    ['GET /catalog/health', 'GET /catalog/health'],
    ['get /catalog/health', 'GET /catalog/health'],
    ['* /catalog/{proxy+}', 'ANY /catalog/{proxy+}'],
    ['*', '$default'],
    ['ANY *', '$default'],
  ])('%s → %s', (event, routeKey) => {
    expect(serverlessRouteKey(event)).toBe(routeKey);
  });
});

describe('normalizeRouteKey', () => {
  it('upper-cases the method and collapses spaces, and leaves special routes alone', () => {
    expect(normalizeRouteKey(' get   /catalog/health ')).toBe('GET /catalog/health');
    expect(normalizeRouteKey('$default')).toBe('$default');
  });
});

describe('ServerlessYamlIndex.resourceLine', () => {
  const index = new ServerlessYamlIndex(serverlessYml);
  const line = (logicalId: string) => index.resourceLine(logicalId, template.Resources[logicalId]);

  it('points a resource declared under resources at its key', () => {
    expect(line('ServiceTable')).toBe(lineContaining(serverlessYml, 'ServiceTable:'));
  });

  it.each([
    'HealthLambdaFunction',
    'HealthIamRoleLambdaExecution',
    'HealthLogGroup',
    'HealthLambdaPermissionHttpApi',
    'HttpApiIntegrationHealth',
  ])('points %s at the `health:` function key', (logicalId) => {
    expect(line(logicalId)).toBe(lineContaining(serverlessYml, '  health:'));
  });

  it('points resources of a dashed function key at that key', () => {
    expect(line('GetDashopenapiLambdaFunction')).toBe(lineContaining(serverlessYml, '  get-openapi:'));
    expect(line('GetDashopenapiIamRoleLambdaExecution')).toBe(
      lineContaining(serverlessYml, '  get-openapi:'),
    );
  });

  it('points a route at the event that declares it, in map form and in string form', () => {
    expect(line('HttpApiRouteGetCatalogHealth')).toBe(lineContaining(serverlessYml, 'path: /health'));
    expect(line('HttpApiRouteGetCatalogOpenapiJson')).toBe(
      lineContaining(serverlessYml, 'httpApi: GET /openapi.json'),
    );
  });

  it('finds no line for resources the file does not declare', () => {
    expect(line('HttpApiStage')).toBeUndefined();
    expect(line('ServerlessDeploymentBucket')).toBeUndefined();
  });

  it('copes with functions pulled from another file', () => {
    const external = new ServerlessYamlIndex('service: x\nfunctions: ${file(./functions.yml)}\n');
    expect(external.resourceLine('HealthLambdaFunction', undefined)).toBeUndefined();
    expect(external.routeLine('GET /x/health')).toBeUndefined();
  });
});

describe('ServerlessYamlIndex policy entries', () => {
  const index = new ServerlessYamlIndex(serverlessYml);

  it('points at a suppression entry and at a public route entry', () => {
    expect(index.suppressionLine(0)).toBe(lineContaining(serverlessYml, '- id: SFP-LAMBDA-004'));
    expect(index.publicRouteLine('GET /openapi.json')).toBe(
      lineContaining(serverlessYml, '- GET /openapi.json'),
    );
  });

  it('falls back to the list for an entry it cannot find, and to nothing without the list', () => {
    expect(index.suppressionLine(7)).toBe(lineContaining(serverlessYml, 'suppress:') + 1);
    expect(index.publicRouteLine('GET /nope')).toBe(lineContaining(serverlessYml, 'publicRoutes:') + 1);
    const bare = new ServerlessYamlIndex('service: x\n');
    expect(bare.suppressionLine(0)).toBeUndefined();
    expect(bare.publicRouteLine('GET /x')).toBeUndefined();
  });
});

describe('TemplateTextIndex', () => {
  it('finds the line of a resource in the Resources section, else line 1', () => {
    const index = new TemplateTextIndex(templateText);
    expect(index.resourceLine('ServiceTable')).toBe(lineContaining(templateText, '"ServiceTable": {'));
    expect(index.resourceLine('Nope')).toBe(1);
    expect(index.metadataLine()).toBe(lineContaining(templateText, '"Platform"'));
    expect(new TemplateTextIndex('{"Resources":{"A":{}}}').metadataLine()).toBe(1);
  });
});

describe('locateFindings', () => {
  const finding = (id: string): Finding => ({
    ruleId: 'SFP-X-001',
    level: 'error',
    message: 'm',
    subject: { kind: 'resource', id },
  });
  const templateFile = 'dist/catalog/prod/cloudformation-template-update-stack.json';

  it('points at the template when the serverless.yml is unknown', () => {
    const [located] = locateFindings([finding('ServiceTable')], { template, templateFile, templateText });
    expect(located?.location).toEqual({
      file: templateFile,
      line: lineContaining(templateText, '"ServiceTable": {'),
    });
    expect(located?.templateLocation).toEqual(located?.location);
  });

  it('points at the serverless.yml when known, line 1 when nothing there declares the resource', () => {
    const source = { file: 'apps/catalog/serverless.yml', text: serverlessYml };
    const located = locateFindings(
      [
        finding('ServiceTable'),
        finding('HttpApiStage'),
        { ...finding('x'), subject: { kind: 'suppression', index: 0 } },
        { ...finding('x'), subject: { kind: 'public-route', route: 'GET /openapi.json' } },
      ],
      { template, templateFile, templateText, source },
    );
    expect(located.map((item) => item.location)).toEqual([
      { file: source.file, line: lineContaining(serverlessYml, 'ServiceTable:') },
      { file: source.file, line: 1 },
      { file: source.file, line: lineContaining(serverlessYml, '- id: SFP-LAMBDA-004') },
      { file: source.file, line: lineContaining(serverlessYml, '- GET /openapi.json') },
    ]);
    expect(located[2]?.templateLocation).toEqual({
      file: templateFile,
      line: lineContaining(templateText, '"Platform"'),
    });
  });
});
