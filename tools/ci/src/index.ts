export {
  CiError,
  UsageError,
  GitError,
  ProjectGraphError,
  DeployedShaStoreError,
  UnknownServiceError,
  PackageVerificationError,
  DeployError,
} from './errors';
export {
  loadProjectGraph,
  parseProjectGraph,
  readProjectGraphFile,
  type ProjectGraph,
  type ProjectNode,
} from './project-graph';
export { createCliRunner, type CliErrorKinds, type CliProcess, type CliRunner } from './run-cli';
export { changedFiles, type ChangedFiles } from './changed-files';
export {
  changeImpact,
  isDocumentation,
  owningProject,
  PACKAGING_TOOL_ROOTS,
  WORKSPACE_ONLY_ROOTS,
  type ChangeImpact,
} from './change-impact';
export {
  affectedServices,
  deployableServices,
  selectServices,
  serverlessConfigIn,
  SERVICE_TAG,
  type AffectedService,
  type AffectedServicesInput,
} from './affected-services';
export { isFullSha, type DeployedShaStore } from './deployed-sha-store';
export { FileDeployedShaStore, type FileDeployedShaStoreOptions } from './file-deployed-sha-store';
export {
  DEFAULT_APP,
  SsmDeployedShaStore,
  type SsmDeployedShaStoreOptions,
  type SsmParameterClient,
} from './ssm-deployed-sha-store';
export {
  createDeployedShaStore,
  DEPLOYED_SHA_STORE_KINDS,
  type DeployedShaStoreKind,
} from './create-deployed-sha-store';
export { servicesToDeploy, type DeployDecision, type ServicesToDeployInput } from './services-to-deploy';
export {
  formatReport,
  githubOutputs,
  matrixOf,
  OUTPUT_FORMATS,
  type OutputFormat,
  type SelectionEntry,
  type SelectionReport,
} from './selection-report';
export { lintWorkflows, lintWorkflowText, workflowFiles, type WorkflowFinding } from './workflow-lint';
export { countJUnit, summarizeJUnitDirectory, summaryLine, type TestCounts } from './junit-summary';
