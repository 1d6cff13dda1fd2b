export { openApiText, routeDifferences } from './openapi-contract';
