/**
 * Hourly: turns every completed metering period since the cursor into usage records, one per instance and
 * period, and commits the cursor; catches up what a stopped stack missed (docs/operations.md, "Metering").
 */
import { defineJob } from '#shared/registry/job.ts';
import { scheduledHandler } from '#shared/jobs/job-handler.ts';
import { meterUsage } from '#shared/use-cases/metering/meter.ts';

export const job = defineJob({
  name: 'meter-usage',
  // Locally JOBS_LOCAL_INTERVAL_MS ticks faster and METERING_PERIOD_MINUTES shortens the period itself.
  trigger: { schedule: 'rate(1 hour)' },
  permissions: ['table:write'],
  timeoutSeconds: 900,
  run: ({ at }) => meterUsage({ at }),
});

export const handler = scheduledHandler(job);
