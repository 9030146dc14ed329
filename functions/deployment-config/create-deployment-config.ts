import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdResult } from '#shared/schemas/common.ts';
import { CreateDeploymentConfigRequest } from '#shared/schemas/deployment-config.ts';
import { createDeploymentConfig } from '#shared/use-cases/deployment-config.ts';

export const operation = defineOperation({
  operationId: 'CreateDeploymentConfig',
  group: 'deployment-config-api',
  method: 'POST',
  path: '/2022-09-01-00/deployment-config',
  access: 'write',
  summary: 'Create a deployment config (name unique in the org); answers its id',
  body: CreateDeploymentConfigRequest,
  response: IdResult,
  permissions: ['table:write'],
  run: ({ caller, body }) => createDeploymentConfig(caller.orgId, body),
});

export const handler = lambdaHandler(operation);
