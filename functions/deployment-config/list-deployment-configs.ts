import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListDeploymentConfigsResult } from '#shared/schemas/deployment-config.ts';
import { listDeploymentConfigs } from '#shared/use-cases/deployment-config.ts';

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
  run: ({ caller, query }) => listDeploymentConfigs(caller.orgId, query),
});

export const handler = lambdaHandler(operation);
