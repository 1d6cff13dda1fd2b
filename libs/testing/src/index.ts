export { TestingError, JavaNotFoundError, DynamoDbLocalStartError, TableDefinitionError } from './errors';
export { assertJava, parseJavaMajor, MINIMUM_JAVA_MAJOR } from './dynamodb/java';
export { findFreePort } from './dynamodb/ports';
export {
  startDynamoDbLocal,
  findDynamoDbLocalDistribution,
  type DynamoDbLocal,
  type StartDynamoDbLocalOptions,
} from './dynamodb/dynamodb-local';
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
  localDynamoDbClient,
  uniqueTableName,
  type CreateTestTableOptions,
  type TestTable,
} from './dynamodb/tables';
