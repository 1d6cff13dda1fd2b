/** Base class of every error thrown by `@platform/policy`. */
export class PolicyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyError';
  }
}

/** The command line was used wrongly: unknown option, missing argument, bad `--format`. */
export class UsageError extends PolicyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A template path does not exist or cannot be read, or a folder holds no packaged template. */
export class TemplateReadError extends PolicyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateReadError';
  }
}

/** A file was read but is not a CloudFormation template this checker can evaluate. */
export class InvalidTemplateError extends PolicyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidTemplateError';
  }
}
