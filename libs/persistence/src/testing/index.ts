export { failingDocumentClient } from './failing-document-client';
export { sdkError, timeoutError, networkError } from './sdk-errors';
