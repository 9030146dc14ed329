import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { UpdateDeploymentConfigRequest } from '#shared/schemas/deployment-config.ts';
import { updateDeploymentConfig } from '#shared/use-cases/deployment-config.ts';

export const operation = defineOperation({
  operationId: 'UpdateDeploymentConfig',
  group: 'deployment-config-api',
  method: 'PATCH',
  path: '/2022-09-01-00/deployment-config/{id}',
  access: 'write',
  summary: 'Change a deployment config (the id `default` names the org default)',
  params: IdParams,
  body: UpdateDeploymentConfigRequest,
  permissions: ['table:write'],
  run: ({ caller, params, body }) => updateDeploymentConfig(caller.orgId, params.id, body),
});

export const handler = lambdaHandler(operation);
