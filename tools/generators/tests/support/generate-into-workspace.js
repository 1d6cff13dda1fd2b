'use strict';

// Runs the service generator against the real workspace, as `nx g @platform/tools:service <name>`
// does (a tree over the files on disk, so existing projects count and formatFiles applies this
// repository's prettier settings), but writes only apps/<name>/: the end-to-end test must not
// leave a runbook in docs/. Run with Node, not inside jest: formatFiles imports prettier, an ES
// module, which jest cannot load.
//
// The folder also gets a `.gitignore` of `*`: git and Nx then do not see the transient service,
// so a local stack or an affected run started meanwhile in the same checkout does not pick it up.
//
//   node tools/generators/tests/support/generate-into-workspace.js <name>

const { join } = require('node:path');
const { flushChanges, FsTree } = require('nx/src/generators/tree');
const { serviceGenerator } = require('../../src/service/generator');

async function main() {
  const name = process.argv[2];
  if (!name) throw new Error('usage: generate-into-workspace.js <name>');
  const workspaceRoot = join(__dirname, '../../../..');
  const tree = new FsTree(workspaceRoot, false);
  await serviceGenerator(tree, { name });
  const changes = tree.listChanges().filter((change) => change.path.startsWith(`apps/${name}/`));
  flushChanges(workspaceRoot, [
    { path: `apps/${name}/.gitignore`, type: 'CREATE', content: Buffer.from('*\n') },
    ...changes,
  ]);
  console.log(`wrote ${changes.length} files to apps/${name}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
