import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { takeSnapshot } from '#shared/use-cases/resource-instance/snapshot-steps.ts';
import { SnapshotStepIds } from '#shared/schemas/resource-instance-snapshot.ts';

export const task = defineTask({
  workflow: 'snapshot-resource-instance',
  state: 'TakeSnapshot',
  input: SnapshotStepIds.pick({ instanceId: true, snapshotId: true }),
  run: (input, ctx) => takeSnapshot(ctx.orgId, input),
});

export const handler = taskHandler(task);
