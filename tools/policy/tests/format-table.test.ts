import { formatTable, summaryLine } from '../src/format-table';
import type { TemplateResult } from '../src/policy-run';
import type { LocatedFinding } from '../src/source-locations';

const finding = (overrides: Partial<LocatedFinding>): LocatedFinding => ({
  ruleId: 'SFP-DDB-001',
  level: 'error',
  message: 'ServiceTable has point-in-time recovery off',
  subject: { kind: 'resource', id: 'ServiceTable' },
  location: { file: 'apps/catalog/serverless.yml', line: 40 },
  templateLocation: { file: 'dist/t.json', line: 300 },
  ...overrides,
});

describe('summaryLine', () => {
  it('counts failing findings by level, templates and suppressions', () => {
    expect(summaryLine({ templates: 3, errors: 1, warnings: 2, notes: 0, suppressed: 4 })).toBe(
      'policy: 3 findings (1 error, 2 warnings, 0 notes) in 3 templates, 4 suppressed',
    );
    expect(summaryLine({ templates: 1, errors: 0, warnings: 0, notes: 1, suppressed: 0 })).toBe(
      'policy: 1 finding (0 errors, 0 warnings, 1 note) in 1 template',
    );
    expect(summaryLine({ templates: 2, errors: 0, warnings: 0, notes: 0, suppressed: 0 })).toBe(
      'policy: no findings in 2 templates',
    );
  });
});

describe('formatTable', () => {
  it('lists findings in aligned columns per template, then suppressed ones with their reasons', () => {
    const results: TemplateResult[] = [
      {
        templateFile: 'dist/catalog/prod/cloudformation-template-update-stack.json',
        service: 'catalog',
        stage: 'prod',
        findings: [
          finding({}),
          finding({
            ruleId: 'SFP-TAG-001',
            level: 'warning',
            message: 'HttpApiStage is missing the tag owner',
            location: { file: 'apps/catalog/serverless.yml', line: 1 },
          }),
          finding({
            ruleId: 'SFP-LAMBDA-007',
            level: 'warning',
            message: 'HealthLambdaFunction reserves no concurrency',
            suppression: { reason: 'health check' },
          }),
        ],
      },
      { templateFile: 'dist/inventory/prod/cloudformation-template-update-stack.json', findings: [] },
    ];
    expect(formatTable(results)).toBe(
      [
        'dist/catalog/prod/cloudformation-template-update-stack.json (service catalog, stage prod)',
        '  LEVEL    RULE         LOCATION                        MESSAGE',
        '  error    SFP-DDB-001  apps/catalog/serverless.yml:40  ServiceTable has point-in-time recovery off',
        '  warning  SFP-TAG-001  apps/catalog/serverless.yml:1   HttpApiStage is missing the tag owner',
        '  suppressed:',
        '    SFP-LAMBDA-007  apps/catalog/serverless.yml:40  HealthLambdaFunction reserves no concurrency (reason: health check)',
        '',
        'dist/inventory/prod/cloudformation-template-update-stack.json',
        '  no findings',
        '',
        'policy: 2 findings (1 error, 1 warning, 0 notes) in 2 templates, 1 suppressed',
        '',
      ].join('\n'),
    );
  });
});
