/**
 * `npm run meter -- --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z`: recomputes the usage records of
 * the metering periods in [from, to) against the configured table (docs/operations.md, "Metering").
 */
import { parseArgs } from 'node:util';
import { backfillUsage } from '#shared/use-cases/metering/meter.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const from = new Date(values.from ?? '');
const to = new Date(values.to ?? '');
if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
  console.error('usage: npm run meter -- --from <RFC 3339> --to <RFC 3339>');
  process.exit(2);
}
const out = await backfillUsage({ from, to });
console.log(`metered ${out.periods} periods, ${out.recordsWritten} usage records written`);
