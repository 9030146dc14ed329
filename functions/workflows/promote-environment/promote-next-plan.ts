import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { promoteNextPlan } from '#shared/use-cases/promotion/promote.ts';
import { PlanList, PromotionIds } from '#shared/schemas/promote-environment.ts';

export const task = defineTask({
  workflow: 'promote-environment',
  state: 'PromoteNextPlan',
  input: PromotionIds.extend({ plans: PlanList }),
  // Copies file bytes into the target's versions; a plan with many resources takes a while to put in place.
  permissions: ['blob:read', 'blob:write'],
  timeoutSeconds: 300,
  run: (input, ctx) => promoteNextPlan(ctx.orgId, input),
});

export const handler = taskHandler(task);
