import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DisableResourceCapabilityRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { disableResourceCapability } from '#shared/use-cases/resource/capability.ts';

export const operation = defineOperation({
  operationId: 'DisableResourceCapability',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/capability',
  access: 'write',
  summary: 'Disable a capability of a resource',
  params: ResourceParams,
  body: DisableResourceCapabilityRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => disableResourceCapability(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
