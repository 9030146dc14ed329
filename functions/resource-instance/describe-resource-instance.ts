import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeResourceInstanceResult, InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { describeResourceInstance } from '#shared/use-cases/resource-instance/instance.ts';

export const operation = defineOperation({
  operationId: 'DescribeResourceInstance',
  group: 'resource-instance-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}',
  access: 'consumer',
  summary: 'An instance: status, parameters, result_params and its network topology per resource',
  params: InstanceParams,
  query: InstanceQuery,
  response: DescribeResourceInstanceResult,
  run: ({ caller, params, query }) => describeResourceInstance(caller, params, query, params.id),
});

export const handler = lambdaHandler(operation);
