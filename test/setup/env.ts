/**
 * Points every worker's data layer, secrets and outbox at the run's local stack, and gives the worker a local
 * workflow runner with the real catalog (Wait states 10 ms), so a handler test that starts a workflow runs it.
 */
import { inject } from 'vitest';
import { resetDbClient } from '#shared/data/client.ts';
import { resetSecretsCache } from '#shared/secrets.ts';

process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.TABLE_NAME = inject('tableName');
process.env.DATA_DIR = inject('dataDir');
process.env.MAIL_TRANSPORT = 'outbox';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
process.env.DRIVER_DELAY_SECONDS ??= '0';
resetDbClient();
resetSecretsCache();

// The runner (and the catalog's task modules) load on the first start only: tests that start nothing pay nothing.
// Imported after the environment is set (the logger reads its level when first imported).
const { registerWorkflowStarter } = await import('#shared/workflows/start.ts');
let runner: Promise<import('#infra/local/sfn-runner.ts').LocalRunner> | undefined;
registerWorkflowStarter(async (execution) => {
  runner ??= (async () => {
    const [{ workflows }, { loadWorkflows }, { createLocalRunner }] = await Promise.all([
      import('#functions/workflows/index.ts'),
      import('#infra/workflow-catalog.ts'),
      import('#infra/local/sfn-runner.ts'),
    ]);
    return createLocalRunner({ workflows: await loadWorkflows(workflows), waitMs: 10 });
  })();
  return (await runner).start(execution);
});
