import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { ListInputParametersResult, ResourceParameterParams } from '#shared/schemas/input-parameter.ts';
import { listInputParameter } from '#shared/use-cases/input-parameter.ts';

export const operation = defineOperation({
  operationId: 'ListInputParameter',
  group: 'input-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/resource/{resourceId}/input-parameter',
  access: 'read',
  summary: 'List the input parameters of a resource',
  params: ResourceParameterParams,
  query: VersionQuery,
  response: ListInputParametersResult,
  run: ({ params, query, caller }) =>
    listInputParameter(caller, params.serviceId, params.resourceId, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
