import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TemplateReadError } from './errors';

/** The file `serverless package` writes and `serverless deploy` applies. */
export const PACKAGED_TEMPLATE_NAME = 'cloudformation-template-update-stack.json';

/** Folders never searched for templates. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function stat(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new TemplateReadError(`${path}: no such file or folder`, { cause: error });
  }
}

function findPackagedTemplates(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : findPackagedTemplates(path);
      return entry.isFile() && entry.name === PACKAGED_TEMPLATE_NAME ? [path] : [];
    });
}

/**
 * Turns command-line arguments into absolute template paths: a file is taken as is, a folder
 * stands for every `cloudformation-template-update-stack.json` under it (recursively, skipping
 * `node_modules`). Duplicates are dropped; order follows the arguments.
 *
 * @throws TemplateReadError for a path that does not exist or a folder without any template.
 * @example
 * resolveTemplatePaths(['dist'], process.cwd()); // ['/repo/dist/catalog/prod/cloudformation-template-update-stack.json', …]
 */
export function resolveTemplatePaths(inputs: readonly string[], cwd: string): string[] {
  const paths = inputs.flatMap((input) => {
    const path = resolve(cwd, input);
    if (!stat(path).isDirectory()) return [path];
    const found = findPackagedTemplates(path);
    if (found.length === 0)
      throw new TemplateReadError(`${input}: no ${PACKAGED_TEMPLATE_NAME} under this folder`);
    return found;
  });
  return [...new Set(paths)];
}

/** Reads a file as UTF-8, turning any failure into a {@link TemplateReadError} naming the path. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const reason = typeof code === 'string' ? code : 'unreadable';
    throw new TemplateReadError(`${path}: cannot be read (${reason})`, { cause: error });
  }
}

/** `path` relative to `root` with `/` separators when inside it, else the absolute path. */
export function displayPath(path: string, root: string): string {
  const relativePath = relative(root, path);
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) return path;
  return relativePath.split(sep).join('/');
}
