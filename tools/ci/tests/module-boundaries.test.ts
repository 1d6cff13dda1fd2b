import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../..');
const rule = '@nx/enforce-module-boundaries';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `code` as if it were the file at `filePath`, with the workspace's real ESLint config. */
function boundaryErrors(filePath: string, code: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
    { cwd: workspaceRoot, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (result.status === 2 || !result.stdout) throw new Error(`eslint failed: ${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{ messages: LintMessage[] }>;
  return (report?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('module boundaries (@nx/enforce-module-boundaries)', () => {
  it('lets an app import a lib', () => {
    const errors = boundaryErrors(
      'apps/catalog/src/handlers/fixture.ts',
      "import { createTestTable } from '@platform/testing';\nexport const x = createTestTable;\n",
    );
    expect(errors).toEqual([]);
  });

  it('reports an app that imports a tool', () => {
    const errors = boundaryErrors(
      'apps/catalog/src/handlers/fixture.ts',
      "import plugin from '@platform/serverless-plugin';\nexport const x = plugin;\n",
    );
    expect(errors.join('\n')).toMatch(
      /tagged with "type:app" can only depend on libs tagged with "type:lib"/,
    );
  });

  it('reports a lib that imports an app', () => {
    const errors = boundaryErrors(
      'libs/http/src/fixture.ts',
      "import { handler } from '@services/catalog/src/handlers/health';\nexport const x = handler;\n",
    );
    // catalog depends on http, so Nx reports the import as a cycle before its app rule.
    expect(errors.join('\n')).toMatch(
      /Imports of apps are forbidden|Circular dependency between "http" and "catalog" detected/,
    );
  });

  it('reports a tool that imports an app', () => {
    const errors = boundaryErrors(
      'tools/ci/src/fixture.ts',
      "import { handler } from '@services/catalog/src/handlers/health';\nexport const x = handler;\n",
    );
    expect(errors).toContain('Imports of apps are forbidden');
  });

  it('reports a relative import that reaches into another project', () => {
    const errors = boundaryErrors(
      'libs/testing/src/fixture.ts',
      "import { handler } from '../../../apps/catalog/src/handlers/health';\nexport const x = handler;\n",
    );
    expect(errors.join('\n')).toMatch(/cannot be imported by a relative or absolute path/);
  });
});
