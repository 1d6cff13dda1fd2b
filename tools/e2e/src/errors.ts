/** Base class of every error thrown by the e2e suite's own code: its message is meant for whoever runs it. */
export class E2eError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'E2eError';
  }
}

/** No token could be had for a principal: no token command for a deployed stage, or the command failed. */
export class TokenSourceError extends E2eError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenSourceError';
  }
}

/** A command line or a variable of the runner was wrong: it exits 2. */
export class UsageError extends E2eError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
