import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { finishInstanceCreate } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceOperationIds } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'FinishCreate',
  input: InstanceOperationIds,
  run: (input, ctx) => finishInstanceCreate(ctx.orgId, input),
});

export const handler = taskHandler(task);
