import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { EnableResourceCapabilityRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { capabilityName, withCapability } from '#shared/domain/resources.ts';

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
  run: async ({ params, body, caller }) => {
    const cap = { capability: capabilityName(body.capability), configuration: body.configuration ?? {} };
    await changeResource(caller, params.serviceId, params.id, 'capability', (r) => ({ ...r, capabilities: withCapability(r.capabilities, cap) }));
  },
});

export const handler = lambdaHandler(operation);
