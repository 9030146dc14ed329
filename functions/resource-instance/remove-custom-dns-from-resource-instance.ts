import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { removeCustomDNSFromResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'RemoveCustomDNSFromResourceInstance',
  group: 'resource-instance-api',
  method: 'DELETE',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/custom-dns',
  access: 'consumer',
  summary: "Remove the custom DNS name of the instance's resource",
  description:
    '404 when the resource has none. Removed from the resource once the workflow took it down.',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query }) => removeCustomDNSFromResourceInstance(caller, params, query),
});

export const handler = lambdaHandler(operation);
