import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DescribeServiceEnvironmentResult, ServiceEnvironmentParams } from '#shared/schemas/environment.ts';
import { getEnvironment } from '#shared/data/repositories/environments.ts';

export const operation = defineOperation({
  operationId: 'DescribeServiceEnvironment',
  group: 'service-environment-api',
  method: 'GET',
  path: '/2022-09-01-00/service/{serviceId}/environment/{id}',
  access: 'read',
  summary: 'Describe an environment of a service',
  params: ServiceEnvironmentParams,
  response: DescribeServiceEnvironmentResult,
  run: async ({ caller, params }) => {
    const env = await getEnvironment(caller.orgId, params.serviceId, params.id);
    return {
      id: env.environmentId,
      serviceId: env.serviceId,
      name: env.name,
      key: env.key,
      description: env.description,
      type: env.type,
      visibility: env.visibility,
      deploymentConfigId: env.deploymentConfigId,
      sourceEnvironmentId: env.sourceEnvironmentId,
      serviceAuthPublicKey: env.serviceAuthPublicKey,
      autoApproveSubscription: env.autoApproveSubscription,
      roleType: caller.role,
      // No SaaS portal exists for any environment yet.
      saasPortalStatus: '',
      saasPortalUrl: '',
    };
  },
});

export const handler = lambdaHandler(operation);
