import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { listPlansToPromote } from '#shared/use-cases/promotion/promote.ts';
import { PromotionIds } from '#shared/schemas/promote-environment.ts';

export const task = defineTask({
  workflow: 'promote-environment',
  state: 'ListPlansToPromote',
  input: PromotionIds,
  run: (input, ctx) => listPlansToPromote(ctx.orgId, input),
});

export const handler = taskHandler(task);
