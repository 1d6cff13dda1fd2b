import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const result = await client.send(
    new GetCommand({
      TableName: process.env['TABLE_NAME'],
      Key: { pk: event.pathParameters?.id ?? 'x', sk: 'x' },
    }),
  );
  return { statusCode: result.Item ? 200 : 404, body: JSON.stringify(result.Item ?? {}) };
};
