import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { ServiceEnvironmentParams } from '#shared/schemas/service-environment.ts';
import { promoteServiceEnvironment } from '#shared/use-cases/promotion/promote.ts';

export const operation = defineOperation({
  operationId: 'PromoteServiceEnvironment',
  group: 'service-environment-api',
  method: 'POST',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}/promote',
  access: 'write',
  summary: "Promote an environment's released plans to the environments promoted from it",
  description:
    'Each target environment gets every released plan of this one (same names and keys, new ids) and its released versions. ' +
    'A target plan that held no version has it when the call returns; a workflow brings the rest over.',
  status: 202,
  params: ServiceEnvironmentParams,
  permissions: ['table:write', 'blob:read', 'blob:write'],
  workflows: ['promote-environment'],
  run: ({ caller, params }) => promoteServiceEnvironment(caller, params),
});

export const handler = lambdaHandler(operation);
