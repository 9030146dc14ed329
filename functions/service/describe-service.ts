import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdParams } from '#shared/schemas/common.ts';
import { DescribeServiceResult } from '#shared/schemas/service.ts';
import { readServiceTree } from '#shared/data/repositories/services.ts';
import { getProviderProfile } from '#shared/data/entities/org.ts';
import { serviceView } from '#shared/domain/services.ts';

export const operation = defineOperation({
  operationId: 'DescribeService',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{id}',
  access: 'read',
  summary: 'Describe a service with its environments and their plans',
  params: IdParams,
  response: DescribeServiceResult,
  run: async ({ caller, params }) => {
    const [{ service, items }, provider] = await Promise.all([
      readServiceTree(caller.orgId, params.id),
      getProviderProfile(caller.orgId),
    ]);
    return serviceView(service, items, provider, caller.role);
  },
});

export const handler = lambdaHandler(operation);
