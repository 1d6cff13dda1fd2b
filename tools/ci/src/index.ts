export { ProjectGraphError } from './errors';
export { loadProjectGraph, parseProjectGraph, type ProjectGraph } from './project-graph';
export { createCliRunner, type CliProcess, type CliRunner } from './run-cli';
export { deployableServices, serverlessConfigIn } from './affected-services';
