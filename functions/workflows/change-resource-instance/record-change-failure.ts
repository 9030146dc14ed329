import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordChangeFailure } from '#shared/use-cases/resource-instance/change-workflow.ts';
import { ChangeStep, PendingResources, StepError } from '#shared/schemas/change-resource-instance.ts';

export const task = defineTask({
  workflow: 'change-resource-instance',
  state: 'RecordChangeFailure',
  // The whole state: the plan is there when the failure came after PlanResourceChanges.
  input: ChangeStep.extend({
    plan: z.object({ pending: PendingResources }).optional(),
    driver: z.object({ timeoutSeconds: z.number().optional() }).optional(),
    error: StepError,
  }),
  run: (input, ctx) => recordChangeFailure(ctx.orgId, { ...input, pending: input.plan?.pending }),
});

export const handler = taskHandler(task);
