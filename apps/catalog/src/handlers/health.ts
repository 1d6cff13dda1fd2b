import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** What the health check needs: the table to ask, and a client to ask it with. */
export interface HealthDependencies {
  tableName: string;
  client: Pick<DynamoDBClient, 'send'>;
}

/** GET /catalog/health: 200 `{ "status": "ok" }` when the table answers, else 503. */
export function createHealthHandler(deps: HealthDependencies) {
  return async (): Promise<APIGatewayProxyResultV2> => {
    try {
      const { Table } = await deps.client.send(new DescribeTableCommand({ TableName: deps.tableName }));
      if (Table?.TableStatus === 'ACTIVE' || Table?.TableStatus === 'UPDATING') {
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' };
      }
    } catch {
      // fall through: the table does not answer
    }
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '5' },
      body: '{"status":"unavailable"}',
    };
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is required`);
  return value;
}

export const handler = createHealthHandler({
  tableName: requireEnv('TABLE_NAME'),
  client: new DynamoDBClient(
    process.env['DYNAMODB_ENDPOINT'] ? { endpoint: process.env['DYNAMODB_ENDPOINT'] } : {},
  ),
});
