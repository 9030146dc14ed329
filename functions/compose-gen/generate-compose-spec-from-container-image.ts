import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import {
  GenerateComposeSpecFromContainerImageRequest,
  GenerateComposeSpecFromContainerImageResult,
} from '#shared/schemas/compose-gen.ts';
import { generateComposeSpecFromContainerImage } from '#shared/use-cases/compose-gen.ts';

export const operation = defineOperation({
  operationId: 'GenerateComposeSpecFromContainerImage',
  group: 'compose-gen-api',
  method: 'POST',
  path: '/2022-09-01-00/compose-gen/image',
  access: 'read',
  summary: 'Generate a deployable compose spec from a container image',
  description:
    "Reads the image's config from its registry (for an image index, the linux/amd64 image or the first) and answers a compose spec with one service: the image, its exposed ports, its environment and the given variables as API parameters, plus a service plan. A registry refusal is a 400 (`cannot read image`), a missing image a 404.",
  body: GenerateComposeSpecFromContainerImageRequest,
  response: GenerateComposeSpecFromContainerImageResult,
  run: ({ body }) => generateComposeSpecFromContainerImage(body),
});

export const handler = lambdaHandler(operation);
