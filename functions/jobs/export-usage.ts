/**
 * Hourly: writes each fully metered UTC day's usage records, one JSON Lines file per plan with
 * `exportUsageMetering`, to the blob store, under its own cursor (docs/operations.md, "Billing").
 */
import { defineJob } from '#shared/registry/job.ts';
import { scheduledHandler } from '#shared/jobs/job-handler.ts';
import { exportUsage } from '#shared/use-cases/metering/export.ts';

export const job = defineJob({
  name: 'export-usage',
  trigger: { schedule: 'rate(1 hour)' },
  permissions: ['table:write', 'blob:write'],
  timeoutSeconds: 900,
  run: ({ at }) => exportUsage({ at }),
});

export const handler = scheduledHandler(job);
