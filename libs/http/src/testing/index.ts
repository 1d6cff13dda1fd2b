export { describeOpenApiContract, openApiText, routeDifferences } from './openapi-contract';
