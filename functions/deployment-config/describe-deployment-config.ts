import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { DescribeDeploymentConfigResult } from '#shared/schemas/deployment-config.ts';
import { describeDeploymentConfig } from '#shared/use-cases/deployment-config.ts';

export const operation = defineOperation({
  operationId: 'DescribeDeploymentConfig',
  group: 'deployment-config-api',
  method: 'GET',
  path: '/2022-09-01-00/deployment-config/{id}',
  access: 'read',
  summary: 'Describe a deployment config; the id `default` resolves the org default',
  params: IdParams,
  response: DescribeDeploymentConfigResult,
  // The official CLI reads `default` before anything else exists: it is created on that first read.
  permissions: ['table:write'],
  run: ({ caller, params }) => describeDeploymentConfig(caller.orgId, params.id),
});

export const handler = lambdaHandler(operation);
