import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { DescribeDeploymentConfigResult } from '#shared/schemas/deployment-config.ts';
import { getDeploymentConfig } from '#shared/data/repositories/deployment-configs.ts';

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
  run: async ({ caller, params }) => {
    const dc = await getDeploymentConfig(caller.orgId, params.id);
    return {
      id: dc.deploymentConfigId,
      name: dc.name,
      description: dc.description,
      infraRollConfiguration: dc.infraRollConfiguration,
      rolloutPriorityList: dc.rolloutPriorityList,
    };
  },
});

export const handler = lambdaHandler(operation);
