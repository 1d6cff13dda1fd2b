/** Base class of every error thrown by `@platform/testing`. */
export class TestingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestingError';
  }
}

/** Java (≥ 17), which DynamoDB Local runs on, is missing or too old. */
export class JavaNotFoundError extends TestingError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      `${detail}\n` +
        'DynamoDB Local needs Java 17 or newer on the PATH. Install it ' +
        '(Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`), ' +
        'or point DYNAMODB_ENDPOINT at a DynamoDB you already run (for example DYNAMODB_ENDPOINT=http://127.0.0.1:8000).',
      options,
    );
    this.name = 'JavaNotFoundError';
  }
}

/** DynamoDB Local exited, or did not answer in time. */
export class DynamoDbLocalStartError extends TestingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** A serverless.yml or CloudFormation table definition could not be used. */
export class TableDefinitionError extends TestingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TableDefinitionError';
  }
}

/** A `serverless.yml` could not be read or parsed. */
export class ServerlessConfigError extends TestingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerlessConfigError';
  }
}

/** The AWS API emulator (moto server) is missing, exited, or did not answer in time. */
export class AwsEmulatorStartError extends TestingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AwsEmulatorStartError';
  }
}
