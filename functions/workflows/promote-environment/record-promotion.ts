import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordPromotion } from '#shared/use-cases/promotion/promote.ts';
import { PlanPair, PromotionIds } from '#shared/schemas/promote-environment.ts';

export const task = defineTask({
  workflow: 'promote-environment',
  state: 'RecordPromotion',
  input: PromotionIds.extend({ plans: z.array(PlanPair).max(10_000) }),
  run: (input, ctx) => recordPromotion(ctx.orgId, input),
});

export const handler = taskHandler(task);
