export {
  TestingError,
  JavaNotFoundError,
  DynamoDbLocalStartError,
  TableDefinitionError,
  AwsEmulatorStartError,
} from './errors';
export { assertJava, parseJavaMajor, MINIMUM_JAVA_MAJOR } from './dynamodb/java';
export { findFreePort } from './dynamodb/ports';
export {
  startDynamoDbLocal,
  findDynamoDbLocalDistribution,
  type DynamoDbLocal,
  type StartDynamoDbLocalOptions,
} from './dynamodb/dynamodb-local';
export {
  startAwsEmulator,
  emulatorEnvironment,
  emulatorProcessEnv,
  findMotoServer,
  EMULATOR_ACCOUNT_ID,
  type AwsEmulator,
  type StartAwsEmulatorOptions,
} from './aws/aws-emulator';
export { startLocalServer, type LocalServer, type LocalServerSpec } from './process/local-server';
export {
  readTableDefinitions,
  tablesFromConfig,
  tableInputFromCloudFormation,
  type CloudFormationTable,
  type LocalTableInput,
} from './dynamodb/table-definitions';
export {
  createTableFromCloudFormation,
  createTestTable,
  useTestTable,
  localDynamoDbClient,
  uniqueTableName,
  type CreateTestTableOptions,
  type TestTable,
} from './dynamodb/tables';
export { httpApiEvent, type HttpApiEventOptions } from './http/http-api-event';
export { lambdaContext } from './lambda/lambda-context';
export { serveJwks, type JwksServer, type ServeJwksOptions } from './auth/jwks-server';
export { mintToken } from './auth/mint-token';
export {
  createDevIssuer,
  loadOrCreateDevIssuer,
  DEV_ISSUER,
  DEV_AUDIENCE,
  type DevIssuer,
  type MintOptions,
} from '@platform/auth/dev-issuer';
export { readServerlessConfig } from './serverless/serverless-config';
export { readServerlessRoutes, type ServerlessRoute } from './serverless/serverless-routes';
export {
  toReply,
  callHttpHandler,
  callRoute,
  expectProblem,
  type Reply,
  type HttpApiHandler,
  type RouteCallOptions,
} from './api/api-reply';
