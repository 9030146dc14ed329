import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { planInstanceDelete } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceOperationIds } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'delete-resource-instance',
  state: 'PlanDelete',
  input: InstanceOperationIds,
  run: (input, ctx) => planInstanceDelete(ctx.orgId, input),
});

export const handler = taskHandler(task);
