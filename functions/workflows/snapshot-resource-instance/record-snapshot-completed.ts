import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordSnapshotCompleted } from '#shared/use-cases/resource-instance/snapshot-steps.ts';
import { SnapshotDriverAnswer, SnapshotStepIds } from '#shared/schemas/resource-instance-snapshot.ts';

export const task = defineTask({
  workflow: 'snapshot-resource-instance',
  state: 'RecordSnapshotCompleted',
  input: SnapshotStepIds.pick({ snapshotId: true }).extend({ driver: SnapshotDriverAnswer.optional() }),
  run: (input, ctx) => recordSnapshotCompleted(ctx.orgId, input),
});

export const handler = taskHandler(task);
