import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { markInstanceChanged } from '#shared/use-cases/resource-instance/change-workflow.ts';
import { ChangeStep } from '#shared/schemas/change-resource-instance.ts';

export const task = defineTask({
  workflow: 'change-resource-instance',
  state: 'MarkInstanceChanged',
  input: ChangeStep,
  run: (input, ctx) => markInstanceChanged(ctx.orgId, input),
});

export const handler = taskHandler(task);
