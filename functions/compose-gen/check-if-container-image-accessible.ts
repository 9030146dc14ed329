import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CheckIfContainerImageAccessibleQuery, CheckIfContainerImageAccessibleResult } from '#shared/schemas/compose-gen.ts';
import { checkIfContainerImageAccessible } from '#shared/use-cases/compose-gen.ts';

export const operation = defineOperation({
  operationId: 'CheckIfContainerImageAccessible',
  group: 'compose-gen-api',
  method: 'GET',
  path: '/2022-09-01-00/compose-gen/image',
  access: 'read',
  summary: 'Check whether a container image can be read from its registry with the given credentials',
  description:
    'Reads the image manifest through the Docker Registry HTTP API v2 (following its token challenge). A registry that refuses, lacks the image or does not answer is a 200 with `imageAccessible: false` and the reason.',
  query: CheckIfContainerImageAccessibleQuery,
  response: CheckIfContainerImageAccessibleResult,
  run: ({ query }) => checkIfContainerImageAccessible(query),
});

export const handler = lambdaHandler(operation);
