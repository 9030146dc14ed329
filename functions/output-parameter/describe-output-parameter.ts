import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { DescribeOutputParameterResult, ParameterParams } from '#shared/schemas/output-parameter.ts';
import { describeOutputParameter } from '#shared/use-cases/output-parameter.ts';

export const operation = defineOperation({
  operationId: 'DescribeOutputParameter',
  group: 'output-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/output-parameter/{id}',
  access: 'read',
  summary: 'Describe an output parameter',
  params: ParameterParams,
  query: VersionQuery,
  response: DescribeOutputParameterResult,
  run: ({ params, query, caller }) =>
    describeOutputParameter(caller, params.serviceId, params.id, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
