/**
 * Every 5 minutes: starts the executions recorded RUNNING whose start never happened (docs/decisions/007).
 */
import { defineJob } from '#shared/registry/job.ts';
import { scheduledHandler } from '#shared/jobs/job-handler.ts';
import { restartUnstartedWorkflows } from '#shared/use-cases/workflows/restart-unstarted-workflows.ts';
import { workflows } from '#functions/workflows/index.ts';

export const job = defineJob({
  name: 'restart-unstarted-workflows',
  trigger: { schedule: 'rate(5 minutes)' },
  // Any catalog workflow's execution may need its start.
  workflows: workflows.map((w) => w.name),
  timeoutSeconds: 120,
  run: ({ at }) => restartUnstartedWorkflows({ at }),
});

export const handler = scheduledHandler(job);
