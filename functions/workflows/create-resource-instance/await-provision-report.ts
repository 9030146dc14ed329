import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { awaitResourceReport } from '#shared/use-cases/drivers.ts';

/** The wait-for-report step (callback drivers, `.waitForTaskToken`): hands the token and the work to the provider's automation. */
export const task = defineTask({
  workflow: 'create-resource-instance',
  state: 'AwaitProvisionReport',
  input: z.object({ token: z.string().min(1).max(2048), workId: z.string().min(1).max(300) }),
  permissions: ['driver:publish'],
  run: ({ token, workId }) => awaitResourceReport(token, workId),
});

export const handler = taskHandler(task);
