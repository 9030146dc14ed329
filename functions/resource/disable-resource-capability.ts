import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DisableResourceCapabilityRequest, ResourceParams } from '#shared/schemas/resource.ts';
import { changeResource } from '#shared/data/repositories/resources.ts';
import { capabilityName } from '#shared/domain/resources.ts';
import { NotFound } from '#shared/errors.ts';

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
  run: async ({ params, body, caller }) => {
    const name = capabilityName(body.capability);
    await changeResource(caller, params.serviceId, params.id, 'capability', (r) => {
      if (!r.capabilities.some((c) => c.capability === name)) throw new NotFound('capability');
      return { ...r, capabilities: r.capabilities.filter((c) => c.capability !== name) };
    });
  },
});

export const handler = lambdaHandler(operation);
