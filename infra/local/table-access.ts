/**
 * How the local commands (`npm run meter`, `npm run invoices`) reach the table: `DYNAMODB_ENDPOINT` when set;
 * else the running stack's DynamoDB Local, whose endpoint `npm start` leaves in `$DATA_DIR/dynamodb.endpoint`
 * while it runs (two DynamoDB Local processes must never open the same files); else, with the stack stopped,
 * a DynamoDB Local of their own on the data dir, stopped again when they are done.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient, startDynamoLocal } from '#infra/local/dynamodb.ts';

const endpointFile = (dataDir: string) => resolve(dataDir, 'dynamodb.endpoint');

/** `npm start` records its DynamoDB Local endpoint, and removes it on the way out. */
export function recordEndpoint(dataDir: string, endpoint: string): () => void {
  writeFileSync(endpointFile(dataDir), endpoint);
  return () => rmSync(endpointFile(dataDir), { force: true });
}

async function answers(endpoint: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** Points this process at the table; resolves with what to call when done. */
export async function openLocalTable(): Promise<() => Promise<void>> {
  process.env.TABLE_NAME ??= 'omnistrate';
  if (process.env.DYNAMODB_ENDPOINT) return async () => {};
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const file = endpointFile(dataDir);
  if (existsSync(file)) {
    const endpoint = readFileSync(file, 'utf8').trim();
    if (await answers(endpoint)) {
      process.env.DYNAMODB_ENDPOINT = endpoint;
      return async () => {};
    }
  }
  const dynamo = await startDynamoLocal({ dataDir });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
  return () => dynamo.stop();
}
