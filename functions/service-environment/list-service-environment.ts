import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListServiceEnvironmentsResult, ServiceParams } from '#shared/schemas/environment.ts';
import { listEnvironments } from '#shared/data/repositories/environments.ts';

export const operation = defineOperation({
  operationId: 'ListServiceEnvironment',
  group: 'service-environment-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/environment',
  access: 'read',
  summary: 'List the environment ids of a service',
  params: ServiceParams,
  query: PageQuery,
  response: ListServiceEnvironmentsResult,
  run: async ({ caller, params, query }) => {
    const page = await listEnvironments(caller.orgId, params.serviceId, query.pageSize, query.nextPageToken);
    return {
      ids: page.items.map((e) => e.environmentId),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  },
});

export const handler = lambdaHandler(operation);
