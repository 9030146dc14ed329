import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordCreateFailure } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceOperationIds, StepError } from '#shared/schemas/resource-instance.ts';

export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'RecordCreateFailure',
  input: InstanceOperationIds.extend({ error: StepError }),
  run: (input, ctx) => recordCreateFailure(ctx.orgId, input),
});

export const handler = taskHandler(task);
