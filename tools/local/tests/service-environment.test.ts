import { environmentPrefix, serviceEnvironment } from '../src/service-environment';

describe('serviceEnvironment', () => {
  const wiring = {
    dynamodbEndpoint: 'http://127.0.0.1:8000',
    gatewayPort: 3000,
    issuer: 'https://dev-issuer.serverless-factory.local/',
    audience: 'serverless-factory',
    cursorSecret: 'x'.repeat(43),
    services: ['catalog', 'inventory', 'gift-cards'],
  };

  it('wires every service to the others (their Lambda endpoints on the gateway), DynamoDB and the dev issuer served by the gateway', () => {
    const env = serviceEnvironment(wiring, {
      PATH: '/bin',
      LOG_LEVEL: 'debug',
      AUTH_ISSUER: 'https://elsewhere/',
    });
    expect(env).toMatchObject({
      PATH: '/bin',
      LOG_LEVEL: 'debug',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      AUTH_ISSUER: 'https://dev-issuer.serverless-factory.local/',
      AUTH_AUDIENCE: 'serverless-factory',
      AUTH_JWKS_URL: 'http://127.0.0.1:3000/.well-known/jwks.json',
      CURSOR_SECRET: 'x'.repeat(43),
      POWERTOOLS_TRACE_ENABLED: 'false',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      STAGE_BASE_URL: 'http://127.0.0.1:3000',
      CATALOG_LAMBDA_ENDPOINT: 'http://127.0.0.1:3000/_lambda/catalog',
      INVENTORY_LAMBDA_ENDPOINT: 'http://127.0.0.1:3000/_lambda/inventory',
      GIFT_CARDS_LAMBDA_ENDPOINT: 'http://127.0.0.1:3000/_lambda/gift-cards',
    });
  });

  it('keeps a region and credentials the developer set', () => {
    const env = serviceEnvironment(wiring, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'k',
      AWS_SECRET_ACCESS_KEY: 's',
    });
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'k',
      AWS_SECRET_ACCESS_KEY: 's',
    });
  });

  it('names variables after the service, upper-cased', () => {
    expect(environmentPrefix('orders')).toBe('ORDERS');
    expect(environmentPrefix('gift-cards.v2')).toBe('GIFT_CARDS_V2');
  });
});
