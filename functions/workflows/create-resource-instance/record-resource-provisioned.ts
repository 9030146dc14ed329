import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordResourceProvisioned } from '#shared/use-cases/resource-instance/steps.ts';
import { DriverAnswer, InstanceResourceStep } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'RecordResourceProvisioned',
  input: InstanceResourceStep.extend({ driver: DriverAnswer.nullable().optional() }),
  run: (input, ctx) => recordResourceProvisioned(ctx.orgId, input),
});

export const handler = taskHandler(task);
