export { LocalStackError } from './errors';
export { spawnDevStack, leftoverProcesses, WORKSPACE_ROOT, type DevStackProcess } from './dev-stack-process';
