import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { planInstanceCreate } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceOperationIds } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'PlanCreate',
  input: InstanceOperationIds,
  run: (input, ctx) => planInstanceCreate(ctx.orgId, input),
});

export const handler = taskHandler(task);
