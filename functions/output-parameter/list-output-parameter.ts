import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { ListOutputParametersResult, ResourceParameterParams } from '#shared/schemas/output-parameter.ts';
import { listOutputParameter } from '#shared/use-cases/output-parameter.ts';

export const operation = defineOperation({
  operationId: 'ListOutputParameter',
  group: 'output-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{resourceId}/output-parameter',
  access: 'read',
  summary: 'List the output parameters of a resource',
  params: ResourceParameterParams,
  query: VersionQuery,
  response: ListOutputParametersResult,
  run: ({ params, query, caller }) =>
    listOutputParameter(caller, params.serviceId, params.resourceId, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
