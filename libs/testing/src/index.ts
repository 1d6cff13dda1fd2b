export {
  TestingError,
  JavaNotFoundError,
  DynamoDbLocalStartError,
  TableDefinitionError,
  AwsEmulatorStartError,
} from './errors';
export { assertJava, parseJavaMajor } from './dynamodb/java';
export { findFreePort } from './dynamodb/ports';
export { listeningAddresses } from './process/listening-addresses';
export {
  startDynamoDbLocal,
  findDynamoDbLocalDistribution,
  type DynamoDbLocal,
} from './dynamodb/dynamodb-local';
export {
  startAwsEmulator,
  emulatorEnvironment,
  emulatorProcessEnv,
  findMotoServer,
  EMULATOR_ACCOUNT_ID,
  type AwsEmulator,
} from './aws/aws-emulator';
export {
  readTableDefinitions,
  tablesFromConfig,
  tableInputFromCloudFormation,
} from './dynamodb/table-definitions';
export {
  createTableFromCloudFormation,
  createTestTable,
  useTestTable,
  localDynamoDbClient,
  uniqueTableName,
  type TestTable,
} from './dynamodb/tables';
export { httpApiEvent } from './http/http-api-event';
export { lambdaContext } from './lambda/lambda-context';
export { serveJwks, type JwksServer } from './auth/jwks-server';
export { mintToken } from './auth/mint-token';
export { createDevIssuer, loadOrCreateDevIssuer, DEV_ISSUER, DEV_AUDIENCE } from '@platform/auth/dev-issuer';
export { readServerlessRoutes } from './serverless/serverless-routes';
export {
  toReply,
  callHttpHandler,
  callRoute,
  expectProblem,
  type HttpApiHandler,
  type RouteCallOptions,
} from './api/api-reply';
/** @public Generated services' tests type their replies with it (tools/generators templates). */
export type { Reply } from './api/api-reply';
