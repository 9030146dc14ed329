/** The DynamoDB document client, created on first use (not at module load) and reused across invocations. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config.ts';

let doc: DynamoDBDocumentClient | undefined;

export function db(): DynamoDBDocumentClient {
  if (!doc) {
    const endpoint = config.dynamoEndpoint;
    const base = new DynamoDBClient({
      region: config.region,
      ...(endpoint
        ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });
    doc = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return doc;
}

export function tableName(): string {
  return config.tableName;
}

/** Test hook: forget the client (e.g. after changing DYNAMODB_ENDPOINT). */
export function resetDbClient(): void {
  doc = undefined;
}
