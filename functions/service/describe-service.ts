import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { DescribeServiceResult } from '#shared/schemas/service.ts';
import { describeService } from '#shared/use-cases/service.ts';

export const operation = defineOperation({
  operationId: 'DescribeService',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{id}',
  access: 'read',
  summary: 'Describe a service with its environments and their plans',
  params: IdParams,
  response: DescribeServiceResult,
  run: ({ caller, params }) => describeService(caller, params.id),
});

export const handler = lambdaHandler(operation);
