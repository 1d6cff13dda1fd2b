export {
  describeOpenApiContract,
  openApiText,
  routeDifferences,
  type OpenApiContractOptions,
} from './openapi-contract';
