import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordResourceDeprovisioned } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceResourceStep } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'delete-resource-instance',
  state: 'RecordResourceDeprovisioned',
  input: InstanceResourceStep,
  run: (input, ctx) => recordResourceDeprovisioned(ctx.orgId, input),
});

export const handler = taskHandler(task);
