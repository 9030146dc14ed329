/** Points every worker's data layer, secrets and outbox at the run's local stack. */
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
