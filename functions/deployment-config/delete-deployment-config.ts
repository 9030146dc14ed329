import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { deleteDeploymentConfig } from '#shared/use-cases/deployment-config.ts';

export const operation = defineOperation({
  operationId: 'DeleteDeploymentConfig',
  group: 'deployment-config-api',
  method: 'DELETE',
  path: '/2022-09-01-00/deployment-config/{id}',
  access: 'write',
  summary: 'Delete a deployment config no environment uses (never the default)',
  params: IdParams,
  permissions: ['table:write'],
  run: ({ caller, params }) => deleteDeploymentConfig(caller.orgId, params.id),
});

export const handler = lambdaHandler(operation);
