import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordPromotionFailure } from '#shared/use-cases/promotion/promote.ts';

export const task = defineTask({
  workflow: 'promote-environment',
  state: 'RecordPromotionFailure',
  input: z.object({ error: z.object({ Error: z.string().max(256), Cause: z.string().max(32_768).optional() }) }),
  run: (input) => recordPromotionFailure(input.error),
});

export const handler = taskHandler(task);
