import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListDeploymentConfigsResult } from '#shared/schemas/deployment-config.ts';
import { listDeploymentConfigs } from '#shared/data/repositories/deployment-configs.ts';

export const operation = defineOperation({
  operationId: 'ListDeploymentConfigs',
  group: 'deployment-config-api',
  method: 'GET',
  path: '/2022-09-01-00/deployment-config',
  access: 'read',
  summary: "List the org's deployment configs (the default one always among them)",
  query: PageQuery,
  response: ListDeploymentConfigsResult,
  // Listing may create the org's default config on first use.
  permissions: ['table:write'],
  run: async ({ caller, query }) => {
    const page = await listDeploymentConfigs(caller.orgId, query.pageSize, query.nextPageToken);
    return {
      ids: page.items.map((dc) => dc.deploymentConfigId),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  },
});

export const handler = lambdaHandler(operation);
