import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams } from '#shared/schemas/resource.ts';
import { removeFile } from '#shared/use-cases/resource/file.ts';

export const operation = defineOperation({
  operationId: 'RemoveFile',
  group: 'resource-api',
  method: 'DELETE',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file/{fileId}',
  access: 'write',
  summary: 'Remove a configuration file and its content',
  params: FileParams,
  permissions: ['table:write', 'blob:write'],
  run: ({ params, caller }) => removeFile(caller, params.serviceId, params.id, params.fileId),
});

export const handler = lambdaHandler(operation);
