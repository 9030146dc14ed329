import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordDeleteFailure } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceOperationIds, StepError } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'delete-resource-instance',
  state: 'RecordDeleteFailure',
  input: InstanceOperationIds.extend({ error: StepError }),
  run: (input, ctx) => recordDeleteFailure(ctx.orgId, input),
});

export const handler = taskHandler(task);
