import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { beginSnapshot } from '#shared/use-cases/resource-instance/snapshot-steps.ts';
import { SnapshotStepIds } from '#shared/schemas/resource-instance-snapshot.ts';

export const task = defineTask({
  workflow: 'snapshot-resource-instance',
  state: 'BeginSnapshot',
  input: SnapshotStepIds,
  run: (input, ctx) => beginSnapshot(ctx.orgId, input),
});

export const handler = taskHandler(task);
