import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { AddCustomDNSToResourceInstanceRequest, InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { addCustomDNSToResourceInstance } from '#shared/use-cases/resource-instance/lifecycle.ts';

export const operation = defineOperation({
  operationId: 'AddCustomDNSToResourceInstance',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/custom-dns',
  access: 'consumer',
  summary: "Add a custom DNS name to the instance's resource",
  description:
    'A DNS name such as db.example.com (400 otherwise), one per resource (409 while one is set). Stored on the resource and shown in its detailedNetworkTopology once the workflow set it up.',
  status: 202,
  params: InstanceParams,
  query: InstanceQuery,
  body: AddCustomDNSToResourceInstanceRequest,
  permissions: ['table:write'],
  workflows: ['change-resource-instance'],
  run: ({ caller, params, query, body }) => addCustomDNSToResourceInstance(caller, params, query, body),
});

export const handler = lambdaHandler(operation);
