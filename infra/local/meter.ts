/**
 * `npm run meter -- --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z`: recomputes the usage records of
 * the metering periods in [from, to) (docs/operations.md, "Metering"). With
 * `npm start` running it uses the stack's table; with the stack stopped it opens the local data itself (DATA_DIR,
 * default .data); `DYNAMODB_ENDPOINT` points it elsewhere (infra/local/table-access.ts).
 */
import { parseArgs } from 'node:util';
import { openLocalTable } from '#infra/local/table-access.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const from = new Date(values.from ?? '');
const to = new Date(values.to ?? '');
if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
  console.error('usage: npm run meter -- --from <RFC 3339> --to <RFC 3339>');
  process.exit(2);
}
const close = await openLocalTable();
try {
  const { backfillUsage } = await import('#shared/use-cases/metering/meter.ts');
  const { reexportUsage } = await import('#shared/use-cases/metering/export.ts');
  const out = await backfillUsage({ from, to });
  console.log(`metered ${out.periods} periods, ${out.recordsWritten} usage records written`);
  // Days already exported are written again from the recomputed records.
  const again = await reexportUsage({ from, to });
  if (again.days) console.log(`re-exported ${again.days} days: ${again.files} files, ${again.records} records`);
  // DRAFT invoices of the range are priced again from the recomputed usage.
  const { refreshDraftInvoices } = await import('#shared/use-cases/invoices/close.ts');
  const repriced = await refreshDraftInvoices({ from, to });
  if (repriced.invoices) console.log(`${repriced.invoices} draft invoices in the range, ${repriced.changed} repriced`);
} finally {
  await close();
}
