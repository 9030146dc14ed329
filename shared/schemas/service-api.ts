/** Wire schemas of the service-api operations (bounds: docs/limits.md). */
import { z } from 'zod';
import { Id, LIMITS, listResult, text } from '#shared/schemas/common.ts';
import { VersionSetTypeInput } from '#shared/schemas/tier-version-set.ts';

/** `v1`, `v2`, and pre-release forms like `v1beta1`; what clients put in API paths. */
export const API_VERSION_PATTERN = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;

/** `v1`, `v2`, `v1beta1`… (clients put it in API paths). */
export const ApiVersion = z
  .string()
  .trim()
  .max(32, 'must be at most 32 characters')
  .regex(API_VERSION_PATTERN, 'must look like v1, v2 or v1beta1');

export const ServiceApiParams = z.object({ serviceId: Id, id: Id });
export const ServiceApiCreateParams = z.object({ serviceId: Id });
export const ServiceEnvironmentApisParams = z.object({ serviceId: Id, serviceEnvironmentId: Id });

export const CreateServiceAPIRequest = z
  .object({
    description: text(LIMITS.description),
    serviceEnvironmentId: Id.meta({ description: 'The environment that gets this API; one API per environment.' }),
    apiVersion: ApiVersion.optional().meta({ description: 'Version clients see in API paths; v1 when absent.' }),
  })
  .meta({ id: 'CreateServiceAPIRequest' });

export const UpdateServiceAPIRequest = z
  .object({
    description: text(LIMITS.description).optional(),
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

/** At most one id: an environment has at most one service API. */
export const ListServiceAPIsResult = listResult('ListServiceAPIsResult');

// ------------------------------------------------------------------------ releases (tier version sets)

export const ReleaseServiceAPIRequest = z
  .object({
    productTierId: Id.optional().meta({ description: 'The plan to release; every plan of the API with pending changes when absent.' }),
    versionSetName: z.string().max(256, 'must be at most 256 characters').optional(),
    versionSetType: VersionSetTypeInput.optional().meta({ description: 'Major when absent.' }),
    isPreferred: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .meta({ id: 'ReleaseServiceAPIRequest2' });
