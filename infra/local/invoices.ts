/**
 * `npm run invoices -- --month 2026-11` closes that ended month into invoices; `npm run invoices -- --through
 * 2026-12-10T00:00:00Z` closes the current month so far, up to the metering cursor (an off-cycle close: the
 * month-end close then invoices only the rest). See docs/operations.md, "Invoices".
 * With `npm start` running it uses the stack's table; with the stack stopped it opens the local data itself
 * (DATA_DIR, default .data); `DYNAMODB_ENDPOINT` points it elsewhere (infra/local/table-access.ts).
 */
import { parseArgs } from 'node:util';
import { openLocalTable } from '#infra/local/table-access.ts';

const { values } = parseArgs({ options: { month: { type: 'string' }, through: { type: 'string' } } });
if ((values.month === undefined) === (values.through === undefined)) {
  console.error('usage: npm run invoices -- --month <YYYY-MM> | --through <RFC 3339 instant>');
  process.exit(2);
}
const close = await openLocalTable();
try {
  const { closeMonth, closeThrough } = await import('#shared/use-cases/invoices/close.ts');
  const { parseMonth } = await import('#shared/domain/invoice.ts');
  const out = values.month !== undefined ? await closeMonth({ month: parseMonth(values.month) }) : await closeThrough({ through: new Date(values.through!) });
  console.log(`closed ${out.month.slice(0, 7)} through ${out.through}: ${out.subscriptions} subscriptions with usage, ${out.invoicesWritten} invoices written`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  await close();
}
