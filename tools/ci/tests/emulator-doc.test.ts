import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { documentedTypes } from './support/emulator-doc';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** The resource types the pinned moto's CloudFormation creates. */
function modelledTypes(): Set<string> {
  const result = spawnSync(
    join(workspaceRoot, '.venv', 'bin', 'python'),
    [
      '-c',
      'from moto.cloudformation.parsing import get_model_map\nprint("\\n".join(sorted(get_model_map())))',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`cannot ask moto for its models: ${result.stderr}`);
  return new Set(result.stdout.split('\n').filter(Boolean));
}

describe('docs/emulator.md', () => {
  const documented = documentedTypes();

  it('says, for each resource type, what the pinned moto does with it', () => {
    expect(documented.size).toBeGreaterThanOrEqual(20);
    const modelled = modelledTypes();
    for (const [type, claim] of documented) {
      expect({ type, claim }).toEqual({ type, claim: modelled.has(type) ? 'created' : 'accepted' });
    }
  });

  it('lists every resource type of the bootstrap stack', () => {
    const template = parse(readFileSync(join(workspaceRoot, 'tools/bootstrap/bootstrap.yml'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    for (const { Type } of Object.values(template.Resources))
      expect({ Type, listed: documented.has(Type) }).toEqual({ Type, listed: true });
  });
});
