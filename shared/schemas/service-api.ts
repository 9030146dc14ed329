/** Wire schemas of the service-api operations. */
import { z } from 'zod';
import { Id } from '#shared/schemas/common.ts';
import { API_VERSION_PATTERN } from '#shared/domain/service-models.ts';

/** `v1`, `v2`, `v1beta1`… (clients put it in API paths). */
export const ApiVersion = z
  .string()
  .trim()
  .regex(API_VERSION_PATTERN, 'must look like v1, v2 or v1beta1');

export const ServiceApiParams = z.object({ serviceId: Id, id: Id });
export const ServiceApiCreateParams = z.object({ serviceId: Id });
export const ServiceEnvironmentApisParams = z.object({ serviceId: Id, serviceEnvironmentId: Id });

export const CreateServiceAPIRequest = z
  .object({
    description: z.string(),
    serviceEnvironmentId: Id.meta({ description: 'The environment that gets this API; one API per environment.' }),
    apiVersion: ApiVersion.optional().meta({ description: 'Version clients see in API paths; v1 when absent.' }),
  })
  .meta({ id: 'CreateServiceAPIRequest' });

export const UpdateServiceAPIRequest = z
  .object({
    description: z.string().optional(),
    apiVersion: ApiVersion.optional(),
  })
  .meta({ id: 'UpdateServiceAPIRequest' });

export const DescribeServiceAPIResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceEnvironmentId: z.string(),
    deploymentConfigId: z.string().meta({ description: "The deployment config of the API's environment." }),
    apiVersion: z.string(),
    description: z.string(),
    deprecated: z.boolean().meta({ description: 'True once DeprecateServiceAPI was called.' }),
  })
  .meta({ id: 'DescribeServiceAPIResult' });

export const ListServiceAPIsResult = z
  .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
  .meta({ id: 'ListServiceAPIsResult' });
