import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnableResourceCapabilityRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { enableResourceCapability } from '#shared/use-cases/resource/capability.ts';

export const operation = defineOperation({
  operationId: 'EnableResourceCapability',
  group: 'resource-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/capability',
  access: 'write',
  summary: 'Enable a capability of a resource with its configuration (replaces the configuration when already enabled)',
  params: ResourceParams,
  body: EnableResourceCapabilityRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => enableResourceCapability(caller, params.serviceId, params.id, body),
});

export const handler = lambdaHandler(operation);
