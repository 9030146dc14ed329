import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { recordOrchestrationFailure } from '#shared/use-cases/services-orchestration/steps.ts';
import { OrchestrationFailureInput } from '#shared/schemas/services-orchestration.ts';

export const task = defineTask({
  workflow: 'services-orchestration',
  state: 'RecordOrchestrationFailure',
  input: OrchestrationFailureInput,
  run: (input, ctx) => recordOrchestrationFailure(ctx.orgId, input),
});

export const handler = taskHandler(task);
