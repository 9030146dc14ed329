/**
 * A fresh DynamoDB Local with the project's table for one bench part, and the environment the project's
 * modules read (set before they load). The data client is reset before and destroyed after, so the parts can
 * run one after the other in one process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, startDynamoLocal } from '#infra/local/dynamodb.ts';

export async function withBenchTable<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `omnistrate-${name}-`));
  const dynamo = await startDynamoLocal();
  try {
    await ensureTable(dynamo.endpoint, name);
    Object.assign(process.env, {
      TABLE_NAME: name,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      DATA_DIR: dataDir,
      MAIL_TRANSPORT: 'outbox',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      // What the local stack runs with (shared/config.ts default): reads reuse a session check for 5 s.
      SESSION_CACHE_SECONDS: process.env.SESSION_CACHE_SECONDS ?? '5',
    });
    (await import('#shared/data/client.ts')).resetDbClient();
    return await run();
  } finally {
    const client = await import('#shared/data/client.ts');
    client.db().destroy();
    client.resetDbClient();
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
