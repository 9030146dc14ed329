import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordDeprovisionFailure } from '#shared/use-cases/resource-instance/steps.ts';
import { InstanceResourceStep, StepError } from '#shared/schemas/resource-instance.ts';

/** A failed or timed-out wait for the report: the resource FAILED with the real reason, the iteration's error. */
export const task = defineTask({
  workflow: 'delete-resource-instance',
  state: 'RecordDeprovisionFailure',
  input: InstanceResourceStep.extend({ workId: z.string().min(1).max(300), error: StepError }),
  run: (input, ctx) => recordDeprovisionFailure(ctx.orgId, input),
});

export const handler = taskHandler(task);
