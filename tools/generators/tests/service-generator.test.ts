import { addProjectConfiguration, logger, readJson, type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { ServiceOptionsError } from '../src/errors';
import { serviceGenerator } from '../src/service/generator';
import { SERVICE_NAME } from '../src/service/options';
import schema from '../src/service/schema.json';
import { changedFiles, virtualWorkspace } from './support/virtual-workspace';

/** Every file of a new service, relative to apps/<name> (and its runbook). */
function expectedFiles(name: string): string[] {
  return [
    `apps/${name}/README.md`,
    `apps/${name}/bundle-budget.json`,
    `apps/${name}/jest.config.js`,
    `apps/${name}/openapi.yaml`,
    `apps/${name}/package.json`,
    `apps/${name}/project.json`,
    `apps/${name}/serverless.yml`,
    `apps/${name}/src/api/problems.ts`,
    `apps/${name}/src/api/routes.ts`,
    `apps/${name}/src/api/schemas.ts`,
    `apps/${name}/src/config.ts`,
    `apps/${name}/src/dependencies.ts`,
    `apps/${name}/src/domain/errors.ts`,
    `apps/${name}/src/domain/item.ts`,
    `apps/${name}/src/domain/save-item.ts`,
    `apps/${name}/src/handlers/get-item.ts`,
    `apps/${name}/src/handlers/health.ts`,
    `apps/${name}/src/handlers/put-item.ts`,
    `apps/${name}/src/store/dynamo-item-store.ts`,
    `apps/${name}/tests/bundle-budget.test.ts`,
    `apps/${name}/tests/integration/health.test.ts`,
    `apps/${name}/tests/integration/items.test.ts`,
    `apps/${name}/tests/openapi.test.ts`,
    `apps/${name}/tests/setup-env.ts`,
    `apps/${name}/tests/support/${name}-api.ts`,
    `apps/${name}/tests/unit/save-item.test.ts`,
    `apps/${name}/tsconfig.json`,
    `docs/runbooks/${name}.md`,
  ];
}

interface ServerlessFunction {
  handler: string;
  events: Array<{
    httpApi: { method: string; path: string; authorizer?: { name: string; scopes: string[] } };
  }>;
  iamRoleStatements: Array<{ Action: string[] }>;
}

describe('serviceGenerator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = virtualWorkspace();
  });

  describe('a new service "payments"', () => {
    let files: Map<string, string>;
    const file = (path: string): string => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`${path} was not generated`);
      return text;
    };
    beforeEach(async () => {
      await serviceGenerator(tree, { name: 'payments' });
      files = changedFiles(tree);
    });

    it('creates exactly the files of a service shaped like apps/catalog, and its runbook', () => {
      expect([...files.keys()].sort()).toEqual(expectedFiles('payments').sort());
    });

    it('leaves no template syntax in any path or file', () => {
      for (const [path, text] of files) {
        expect(path).not.toMatch(/__\w+__|<%|%>/);
        expect({ path, leftover: /<%|%>|__tmpl__|__name__/.exec(text)?.[0] }).toEqual({
          path,
          leftover: undefined,
        });
      }
    });

    it('declares Nx project "payments" tagged type:app and scope:payments, with the platform targets', () => {
      expect(readJson(tree, 'apps/payments/project.json')).toEqual({
        name: 'payments',
        $schema: '../../node_modules/nx/schemas/project-schema.json',
        projectType: 'application',
        sourceRoot: 'apps/payments/src',
        tags: ['type:app', 'scope:payments'],
        targets: {
          lint: {},
          typecheck: {},
          test: { inputs: ['default', '^production', '{workspaceRoot}/jest.preset.js', 'serverlessConfig'] },
          package: {},
          serve: {},
          deploy: {},
        },
      });
    });

    it('names the workspace package @services/payments and depends on platform libs only', () => {
      const pkg = readJson(tree, 'apps/payments/package.json');
      expect(pkg.name).toBe('@services/payments');
      const platform = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((d) =>
        d.startsWith('@platform/'),
      );
      expect(platform.sort()).toEqual([
        '@platform/http',
        '@platform/observability',
        '@platform/persistence',
        '@platform/testing',
      ]);
    });

    it('pulls the shared serverless defaults and declares the health and items routes (without the /payments mount) with their scopes', () => {
      const config = parse(file('apps/payments/serverless.yml'));
      expect(config.service).toBe('payments');
      expect(config.provider).toBe('${file(../../serverless/service-defaults.yml):provider}');
      expect(config.custom).toMatchObject({ owner: 'team-payments', costCenter: 'cc-0000' });
      expect(config.custom.environment.TABLE_NAME).toBe('${self:service}-${sls:stage}');
      const functions = config.functions as Record<string, ServerlessFunction>;
      const routes = Object.entries(functions).map(([fn, { handler, events }]) => ({
        fn,
        handler,
        route: `${events[0]?.httpApi.method} ${events[0]?.httpApi.path}`,
        scopes: events[0]?.httpApi.authorizer?.scopes ?? [],
      }));
      expect(routes).toEqual([
        { fn: 'health', handler: 'src/handlers/health.handler', route: 'GET /health', scopes: [] },
        {
          fn: 'putItem',
          handler: 'src/handlers/put-item.handler',
          route: 'PUT /items/{id}',
          scopes: ['payments:write'],
        },
        {
          fn: 'getItem',
          handler: 'src/handlers/get-item.handler',
          route: 'GET /items/{id}',
          scopes: ['payments:read'],
        },
      ]);
      expect(functions['getItem']?.iamRoleStatements.flatMap((s) => s.Action)).toEqual(['dynamodb:GetItem']);
    });

    it('scopes the routes in src/api/routes.ts like serverless.yml does', () => {
      const routes = file('apps/payments/src/api/routes.ts');
      expect(routes).toContain("routeKey: 'PUT /payments/items/{id}'");
      expect(routes).toContain("scopes: ['payments:write']");
      expect(routes).toContain("routeKey: 'GET /payments/items/{id}'");
      expect(routes).toContain("scopes: ['payments:read']");
      expect(routes).toContain('public: true');
    });

    it('keys items by tenant and versions them', () => {
      const store = file('apps/payments/src/store/dynamo-item-store.ts');
      expect(store).toContain("pk: tenantKey(tenantId, 'ITEM')");
      expect(store).toContain('putIfVersion');
      expect(file('apps/payments/src/domain/save-item.ts')).toContain('version: current.version + 1');
    });

    it('writes integration tests against DynamoDB Local with minted tokens and problem assertions', () => {
      const support = file('apps/payments/tests/support/payments-api.ts');
      expect(support).toContain('mintToken');
      expect(support).toContain('useTestTable');
      expect(file('apps/payments/tests/integration/items.test.ts')).toContain('expectProblem');
      expect(file('apps/payments/jest.config.js')).toContain(
        "globalSetup: '@platform/testing/jest-global-setup'",
      );
    });

    it('writes openapi.yaml with the routes, scopes and title of the service', () => {
      const document = parse(file('apps/payments/openapi.yaml'));
      expect(document.info).toMatchObject({ title: 'payments', version: '1.0.0' });
      expect(Object.keys(document.paths)).toEqual(['/payments/health', '/payments/items/{id}']);
      expect(document.paths['/payments/items/{id}'].put.security).toEqual([{ bearer: ['payments:write'] }]);
      expect(document.paths['/payments/items/{id}'].get.security).toEqual([{ bearer: ['payments:read'] }]);
    });

    it('documents routes, environment, owner and runbook link in the README, and writes the runbook', () => {
      const readme = file('apps/payments/README.md');
      expect(readme).toContain('Owner: **team-payments** (cost centre cc-0000)');
      expect(readme).toContain('[docs/runbooks/payments.md](../../docs/runbooks/payments.md)');
      expect(readme).toMatch(/\| `PUT \/payments\/items\/\{id\}` +\| `payments:write` \|/);
      expect(readme).toContain('`TABLE_NAME`');
      expect(file('docs/runbooks/payments.md')).toMatch(/^# Runbook: payments\n\nOwner: team-payments\./);
    });
  });

  it('derives class, function and file names from a multi-word name', async () => {
    await serviceGenerator(tree, { name: 'loyalty-points' });
    const files = changedFiles(tree);
    expect([...files.keys()].sort()).toEqual(expectedFiles('loyalty-points').sort());
    expect(files.get('apps/loyalty-points/src/domain/errors.ts')).toContain(
      'export class LoyaltyPointsError extends Error',
    );
    expect(files.get('apps/loyalty-points/src/api/problems.ts')).toContain(
      'export function loyaltyPointsProblem(',
    );
    expect(files.get('apps/loyalty-points/tests/support/loyalty-points-api.ts')).toContain(
      'export function useLoyaltyPointsTable()',
    );
  });

  it('takes owner and cost centre as options, into the tags, README and runbook', async () => {
    await serviceGenerator(tree, { name: 'payments', owner: 'team-money', costCenter: 'cc-2001' });
    const files = changedFiles(tree);
    expect(parse(files.get('apps/payments/serverless.yml') ?? '').custom).toMatchObject({
      owner: 'team-money',
      costCenter: 'cc-2001',
    });
    expect(files.get('apps/payments/README.md')).toContain('Owner: **team-money** (cost centre cc-2001)');
    expect(files.get('docs/runbooks/payments.md')).toContain('Owner: team-money.');
  });

  it('quotes a name YAML would read as another type in the openapi.yaml title', async () => {
    await serviceGenerator(tree, { name: 'null' });
    const document = parse(changedFiles(tree).get('apps/null/openapi.yaml') ?? '');
    expect(document.info.title).toBe('null');
  });

  describe('rejects', () => {
    it.each([
      ['an upper-case name', 'Payments'],
      ['a name starting with a digit', '1payments'],
      ['a one-letter name', 'p'],
      ['a name over 31 characters', `p${'a'.repeat(31)}`],
      ['an underscore', 'pay_ments'],
      ['a space', 'pay ments'],
      ['a path', '../payments'],
      ['a trailing dash', 'payments-'],
      ['a double dash', 'pay--ments'],
      ['an empty name', ''],
    ])('%s (%j) and writes nothing', async (_case, name) => {
      await expect(serviceGenerator(tree, { name })).rejects.toThrow(ServiceOptionsError);
      expect(changedFiles(tree).size).toBe(0);
    });

    it('a name an existing project has, wherever it lives', async () => {
      addProjectConfiguration(tree, 'payments', { root: 'libs/payments' });
      const before = changedFiles(tree).size;
      await expect(serviceGenerator(tree, { name: 'payments' })).rejects.toThrow(
        'A project named "payments" already exists (libs/payments)',
      );
      expect(changedFiles(tree).size).toBe(before);
    });

    it('a name whose folder apps/<name> already exists', async () => {
      tree.write('apps/payments/README.md', '# not a project yet\n');
      await expect(serviceGenerator(tree, { name: 'payments' })).rejects.toThrow(
        'apps/payments already exists',
      );
    });

    it('a name whose runbook already exists', async () => {
      tree.write('docs/runbooks/payments.md', '# Runbook: payments\n');
      await expect(serviceGenerator(tree, { name: 'payments' })).rejects.toThrow(
        'docs/runbooks/payments.md already exists',
      );
    });

    it.each([
      ['owner', { owner: 'Team Money' }, 'Owner "Team Money" must match'],
      ['costCenter', { costCenter: '1001' }, 'Cost centre "1001" must match'],
    ])('an invalid %s', async (_option, extra, message) => {
      await expect(serviceGenerator(tree, { name: 'payments', ...extra })).rejects.toThrow(message);
      expect(changedFiles(tree).size).toBe(0);
    });
  });

  describe('next steps', () => {
    afterEach(() => jest.restoreAllMocks());

    it('are printed by the returned callback, which Nx runs once the files are written', async () => {
      const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
      const callback = await serviceGenerator(tree, { name: 'payments' });
      expect(info).not.toHaveBeenCalled();
      await callback();
      const printed = info.mock.calls.map((call) => String(call[0])).join('\n');
      expect(printed).toContain('npm install');
      expect(printed).toContain('npx nx run-many -t lint typecheck test -p payments');
      expect(printed).toContain(
        'make build STAGE=prod SERVICES=payments STAGE_CONFIG_FILE=$PWD/.ci/stages.env && make check-packages',
      );
      expect(printed).toContain('make dev SERVICES=payments');
    });
  });

  it('validates names with the pattern schema.json documents', () => {
    expect(schema.properties.name.pattern).toBe(SERVICE_NAME.source);
  });
});
