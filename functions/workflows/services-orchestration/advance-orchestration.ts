import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { advanceOrchestration } from '#shared/use-cases/services-orchestration/steps.ts';
import { OrchestrationRunInput } from '#shared/schemas/services-orchestration.ts';

export const task = defineTask({
  workflow: 'services-orchestration',
  state: 'AdvanceOrchestration',
  input: OrchestrationRunInput,
  // Creates, updates and deletes instances through their use cases, which start these.
  workflows: ['create-resource-instance', 'change-resource-instance', 'delete-resource-instance'],
  timeoutSeconds: 300,
  run: (input, ctx) => advanceOrchestration(ctx.orgId, input),
});

export const handler = taskHandler(task);
