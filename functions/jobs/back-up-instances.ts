/**
 * Every 5 minutes: snapshots the RUNNING instances whose backup is due and expires snapshots past retention
 * (docs/operations.md, "Backups and restore"). Reads only the due index, never the instances.
 */
import { defineJob } from '#shared/registry/job.ts';
import { scheduledHandler } from '#shared/jobs/job-handler.ts';
import { backUpInstances, SNAPSHOT_WORKFLOW } from '#shared/use-cases/resource-instance/backups.ts';

export const job = defineJob({
  name: 'back-up-instances',
  // Periods are whole hours (or local override minutes): a 5-minute tick takes each snapshot at most 5 minutes late.
  trigger: { schedule: 'rate(5 minutes)' },
  permissions: ['table:write'],
  workflows: [SNAPSHOT_WORKFLOW],
  timeoutSeconds: 300,
  run: ({ at }) => backUpInstances({ at }),
});

export const handler = scheduledHandler(job);
