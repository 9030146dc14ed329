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
resetDbClient();
resetSecretsCache();

// Loaded after the environment is set (the logger reads its level when first imported).
const [{ registerWorkflowStarter }, { workflows }, { loadWorkflows }, { createLocalRunner }] = await Promise.all([
  import('#shared/workflows/start.ts'),
  import('#functions/workflows/index.ts'),
  import('#infra/workflow-catalog.ts'),
  import('#infra/local/sfn-runner.ts'),
]);
registerWorkflowStarter(createLocalRunner({ workflows: await loadWorkflows(workflows), waitMs: 10 }).start);
