export { failingDocumentClient, type FailingDocumentClient } from './failing-document-client';
export { sdkError, timeoutError, networkError, type SdkErrorOptions } from './sdk-errors';
