import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { FileParams } from '#shared/schemas/resource.ts';
import { updateFileContent } from '#shared/use-cases/resource/file.ts';
import { uploadedContent } from '#shared/http/file-transfer.ts';

export const operation = defineOperation({
  operationId: 'UpdateFileContent',
  group: 'resource-api',
  method: 'PUT',
  path: '/2022-09-01-00/service/{serviceId}/resource/{id}/file/{fileId}/content',
  access: 'write',
  summary: 'Replace the content of a configuration file (multipart/form-data, at most 1 MiB)',
  params: FileParams,
  body: 'raw',
  permissions: ['table:write', 'blob:write'],
  run: ({ params, headers, rawBody, caller }) =>
    updateFileContent(caller, params.serviceId, params.id, params.fileId, uploadedContent(headers, rawBody)),
});

export const handler = lambdaHandler(operation);
