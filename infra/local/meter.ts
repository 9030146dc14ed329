/**
 * `npm run meter -- --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z`: recomputes the usage records of
 * the metering periods in [from, to) (docs/operations.md, "Metering"). Against the running stack with
 * `DYNAMODB_ENDPOINT` set to the endpoint `npm start` prints; otherwise (the stack stopped) it opens the local
 * data itself (DATA_DIR, default .data) and closes it again.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureTable, startDynamoLocal } from '#infra/local/dynamodb.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const from = new Date(values.from ?? '');
const to = new Date(values.to ?? '');
if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
  console.error('usage: npm run meter -- --from <RFC 3339> --to <RFC 3339>');
  process.exit(2);
}
process.env.TABLE_NAME ??= 'omnistrate';
const dynamo = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoLocal({ dataDir: resolve(process.env.DATA_DIR ?? '.data') });
if (dynamo) {
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
}
try {
  const { backfillUsage } = await import('#shared/use-cases/metering/meter.ts');
  const out = await backfillUsage({ from, to });
  console.log(`metered ${out.periods} periods, ${out.recordsWritten} usage records written`);
} finally {
  await dynamo?.stop();
}
