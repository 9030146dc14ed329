import { z } from 'zod';
import { defineTask } from '#shared/registry/task.ts';
import { taskHandler } from '#shared/workflows/task-handler.ts';
import { awaitResourceReport } from '#shared/use-cases/drivers.ts';

/** Callback drivers: hands the token and the snapshot work to the provider's automation, then the step waits. */
export const task = defineTask({
  workflow: 'snapshot-resource-instance',
  state: 'AwaitSnapshotReport',
  input: z.object({ token: z.string().min(1).max(2048), workId: z.string().max(300) }),
  permissions: ['driver:publish'],
  run: ({ token, workId }) => awaitResourceReport(token, workId),
});

export const handler = taskHandler(task);
