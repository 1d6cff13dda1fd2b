'use strict';

/** Base class of the errors of @platform/tools. */
class PlatformToolsError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = 'PlatformToolsError';
  }
}

/** The options of a generator are invalid, or clash with what the workspace already has. */
class ServiceOptionsError extends PlatformToolsError {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ServiceOptionsError';
  }
}

module.exports = { PlatformToolsError, ServiceOptionsError };
