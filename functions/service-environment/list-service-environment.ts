import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListServiceEnvironmentsResult, ServiceParams } from '#shared/schemas/service-environment.ts';
import { listServiceEnvironment } from '#shared/use-cases/service-environment.ts';

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
  run: ({ caller, params, query }) => listServiceEnvironment(caller.orgId, params.serviceId, query),
});

export const handler = lambdaHandler(operation);
