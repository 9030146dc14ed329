import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { provisionInstanceResource } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceResourceStep } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'ProvisionResource',
  input: InstanceResourceStep,
  run: (input, ctx) => provisionInstanceResource(ctx.orgId, input),
});

export const handler = taskHandler(task);
