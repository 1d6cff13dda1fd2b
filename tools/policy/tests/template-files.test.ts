import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateReadError } from '../src/errors';
import { findWorkspaceRoot } from '../src/policy-run';
import {
  displayPath,
  PACKAGED_TEMPLATE_NAME,
  readTextFile,
  resolveTemplatePaths,
} from '../src/template-files';

describe('resolveTemplatePaths', () => {
  it('keeps files as given (any name), expands folders, and drops duplicates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-files-'));
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'b', PACKAGED_TEMPLATE_NAME), '{}');
    writeFileSync(join(dir, 'a', PACKAGED_TEMPLATE_NAME), '{}');
    writeFileSync(join(dir, 'custom.json'), '{}');
    expect(resolveTemplatePaths(['custom.json', '.', `a/${PACKAGED_TEMPLATE_NAME}`], dir)).toEqual([
      join(dir, 'custom.json'),
      join(dir, 'a', PACKAGED_TEMPLATE_NAME),
      join(dir, 'b', PACKAGED_TEMPLATE_NAME),
    ]);
  });

  it('rejects a missing path and a folder without templates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-files-'));
    expect(() => resolveTemplatePaths(['nope'], dir)).toThrow(TemplateReadError);
    expect(() => resolveTemplatePaths(['.'], dir)).toThrow(
      `.: no ${PACKAGED_TEMPLATE_NAME} under this folder`,
    );
  });
});

describe('readTextFile', () => {
  it('names the path and the reason when a file cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-files-'));
    expect(() => readTextFile(dir)).toThrow(
      expect.objectContaining({ name: 'TemplateReadError', message: `${dir}: cannot be read (EISDIR)` }),
    );
  });
});

describe('displayPath', () => {
  it('is relative with / inside the root, absolute outside it', () => {
    expect(displayPath('/repo/dist/catalog/t.json', '/repo')).toBe('dist/catalog/t.json');
    expect(displayPath('/elsewhere/t.json', '/repo')).toBe('/elsewhere/t.json');
    expect(displayPath('/repo', '/repo')).toBe('/repo');
  });
});

describe('findWorkspaceRoot', () => {
  it('is the nearest folder upwards with nx.json, else the start folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-root-'));
    mkdirSync(join(dir, 'apps', 'catalog'), { recursive: true });
    expect(findWorkspaceRoot(join(dir, 'apps', 'catalog'))).toBe(join(dir, 'apps', 'catalog'));
    writeFileSync(join(dir, 'nx.json'), '{}');
    expect(findWorkspaceRoot(join(dir, 'apps', 'catalog'))).toBe(dir);
  });
});
