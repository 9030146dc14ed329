import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams, UpdateFileMetadataRequest } from '#shared/schemas/resource.ts';
import { updateFileMetadata } from '#shared/use-cases/resource/file.ts';

export const operation = defineOperation({
  operationId: 'UpdateFileMetadata',
  group: 'resource-api',
  method: 'PATCH',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file/{fileId}/metadata',
  access: 'write',
  summary: 'Change the name, description or mount path of a configuration file',
  params: FileParams,
  body: UpdateFileMetadataRequest,
  permissions: ['table:write'],
  run: ({ params, body, caller }) => updateFileMetadata(caller, params.serviceId, params.id, params.fileId, body),
});

export const handler = lambdaHandler(operation);
