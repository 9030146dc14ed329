import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordSnapshotFailure } from '#shared/use-cases/resource-instance/snapshot-steps.ts';
import { SnapshotStepIds, StepError } from '#shared/schemas/resource-instance-snapshot.ts';

export const task = defineTask({
  workflow: 'snapshot-resource-instance',
  state: 'RecordSnapshotFailure',
  input: SnapshotStepIds.pick({ snapshotId: true }).extend({ error: StepError }),
  run: (input, ctx) => recordSnapshotFailure(ctx.orgId, input),
});

export const handler = taskHandler(task);
