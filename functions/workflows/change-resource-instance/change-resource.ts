import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { changeResource } from '#shared/use-cases/resource-instance/change-workflow.ts';
import { ChangeStep } from '#shared/schemas/change-resource-instance.ts';

export const task = defineTask({
  workflow: 'change-resource-instance',
  state: 'ChangeResource',
  input: ChangeStep.extend({ resourceId: z.string().min(1).max(128) }),
  run: (input, ctx) => changeResource(ctx.orgId, input),
});

export const handler = taskHandler(task);
