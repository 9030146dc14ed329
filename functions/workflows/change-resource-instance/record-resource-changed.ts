import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordResourceChanged } from '#shared/use-cases/resource-instance/change-workflow.ts';
import { ChangeStep, DriverOutcome, PendingResources } from '#shared/schemas/change-resource-instance.ts';

export const task = defineTask({
  workflow: 'change-resource-instance',
  state: 'RecordResourceChanged',
  input: ChangeStep.extend({ resourceId: z.string().min(1).max(128), outcome: DriverOutcome.optional(), pending: PendingResources }),
  run: (input, ctx) => recordResourceChanged(ctx.orgId, input),
});

export const handler = taskHandler(task);
