import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

/** The real workspace root (tools/generators/tests/support → four levels up). */
export const workspaceRoot = join(__dirname, '../../../..');

/** The files each virtual workspace started with, and their text. */
const baselines = new WeakMap<Tree, Map<string, string>>();

function filesOf(tree: Tree): Map<string, string> {
  return new Map(
    tree
      .listChanges()
      .filter((change) => change.type !== 'DELETE')
      .map((change) => [change.path, change.content?.toString('utf8') ?? '']),
  );
}

/**
 * An empty Nx workspace in memory with this repository's prettier settings (and, like this
 * repository, no oxfmt configuration).
 */
export function virtualWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.delete('.oxfmtrc.json');
  for (const file of ['.prettierrc.json', '.prettierignore']) {
    tree.write(file, readFileSync(join(workspaceRoot, file), 'utf8'));
  }
  baselines.set(tree, filesOf(tree));
  return tree;
}

/** Every file created or changed since {@link virtualWorkspace} made the tree, by path, with its text. */
export function changedFiles(tree: Tree): Map<string, string> {
  const baseline = baselines.get(tree) ?? new Map<string, string>();
  return new Map([...filesOf(tree)].filter(([path, text]) => baseline.get(path) !== text));
}
