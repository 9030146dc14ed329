import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { VersionQuery } from '#shared/schemas/resource.ts';
import { DescribeInputParameterResult, ParameterParams } from '#shared/schemas/input-parameter.ts';
import { describeInputParameter } from '#shared/use-cases/input-parameter.ts';

export const operation = defineOperation({
  operationId: 'DescribeInputParameter',
  group: 'input-parameter-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/input-parameter/{id}',
  access: 'read',
  summary: 'Describe an input parameter',
  params: ParameterParams,
  query: VersionQuery,
  response: DescribeInputParameterResult,
  run: ({ params, query, caller }) =>
    describeInputParameter(caller, params.serviceId, params.id, { version: query.ProductTierVersion, productTierId: query.ProductTierId }),
});

export const handler = lambdaHandler(operation);
