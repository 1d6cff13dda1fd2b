import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/** The first table of docs/emulator.md: resource type → "created" or "accepted". */
export function documentedTypes(): Map<string, string> {
  const text = readFileSync(join(workspaceRoot, 'docs', 'emulator.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `(AWS::[A-Za-z0-9:]+)`\s*\|[^|]*\|\s*(created|accepted)\s*\|$/gm)];
  return new Map(rows.map((row) => [row[1] ?? '', row[2] ?? '']));
}
