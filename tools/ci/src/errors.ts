/** Base class of every error thrown by `@platform/ci`. */
export class CiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CiError';
  }
}

/** A command line was wrong (unknown option, missing value, bad choice): CLIs exit 2 on it. */
export class UsageError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A git command failed, or a ref that must exist (the head) does not. */
export class GitError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitError';
  }
}

/** The Nx project graph could not be produced or read. */
export class ProjectGraphError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProjectGraphError';
  }
}

/** Reading or writing a deployed sha failed, or a stored value is not a commit sha. */
export class DeployedShaStoreError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeployedShaStoreError';
  }
}

/** A service name that is not a deployable service of the workspace. */
export class UnknownServiceError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnknownServiceError';
  }
}

/** A package to deploy is not the one that was built: a file changed, went missing or was added. */
export class PackageVerificationError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackageVerificationError';
  }
}

/** `serverless deploy` failed, or left the stack in a failed or rolled-back state. */
export class DeployError extends CiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeployError';
  }
}
