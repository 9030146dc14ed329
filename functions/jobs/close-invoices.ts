/**
 * Hourly: closes every ended UTC month the meter-usage job has metered through its end into invoices, one
 * per subscription and billing period; idempotent, and catches up months missed while the stack was down
 * (docs/operations.md, "Invoices").
 */
import { defineJob } from '#shared/registry/job.ts';
import { scheduledHandler } from '#shared/jobs/job-handler.ts';
import { closeInvoices } from '#shared/use-cases/invoices/close.ts';

export const job = defineJob({
  name: 'close-invoices',
  // Locally JOBS_LOCAL_INTERVAL_MS ticks faster; a month closes once the metering cursor is past its end.
  trigger: { schedule: 'rate(1 hour)' },
  permissions: ['table:write'],
  timeoutSeconds: 900,
  run: () => closeInvoices(),
});

export const handler = scheduledHandler(job);
