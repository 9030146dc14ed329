import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateResourceRequest, ResourceIdResult, ServiceParams } from '#shared/schemas/resource.ts';
import { createResource } from '#shared/use-cases/resource/resource.ts';

export const operation = defineOperation({
  operationId: 'CreateResource',
  group: 'resource-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/resource',
  access: 'write',
  summary: 'Add a resource (component) to a product tier',
  params: ServiceParams,
  body: CreateResourceRequest,
  response: ResourceIdResult,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => createResource(caller, params.serviceId, body),
});

export const handler = lambdaHandler(operation);
