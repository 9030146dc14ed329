/** Wire schemas of the service-environment operations. */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';
import { cleanId } from '#shared/domain/ids.ts';
import { ENVIRONMENT_TYPES, normalizeEnumValue, VISIBILITIES } from '#shared/domain/environments.ts';

/** Clients send any case (`dev`, `Prod`); stored and returned upper-case. */
export const EnvironmentTypeInput = z
  .string()
  .transform(normalizeEnumValue)
  .pipe(z.enum(ENVIRONMENT_TYPES, { error: `must be one of ${ENVIRONMENT_TYPES.join(', ')}` }));

export const VisibilityInput = z
  .string()
  .transform(normalizeEnumValue)
  .pipe(z.enum(VISIBILITIES, { error: `must be one of ${VISIBILITIES.join(', ')}` }));

/** An optional environment id where '' means "none" (clients send empty strings for unset fields). */
const OptionalEnvironmentRef = z.string().transform(cleanId);

export const CreateServiceEnvironmentRequest = z
  .object({
    name: NonEmpty.max(256).meta({ description: 'Unique within the service.' }),
    description: z.string(),
    type: EnvironmentTypeInput.optional().meta({ description: 'DEV, QA, STAGING, CANARY, PROD or PRIVATE (any case); DEV when absent.' }),
    visibility: VisibilityInput.optional().meta({ description: 'PUBLIC or PRIVATE (default).' }),
    deploymentConfigId: Id.meta({ description: 'A deployment config of the org, or `default`.' }),
    sourceEnvironmentId: OptionalEnvironmentRef.optional().meta({
      description: 'Environment of the same service whose changes are promoted into this one.',
    }),
    serviceAuthPublicKey: z.string().optional().meta({ description: 'PEM public key verifying control-plane JWTs.' }),
    autoApproveSubscription: z.boolean().optional(),
  })
  .meta({ id: 'CreateServiceEnvironmentRequest' });

export const UpdateServiceEnvironmentRequest = z
  .object({
    name: NonEmpty.max(256).optional(),
    description: z.string().optional(),
    visibility: VisibilityInput.optional(),
    deploymentConfigId: Id.optional(),
    sourceEnvironmentId: OptionalEnvironmentRef.optional().meta({ description: 'An empty string removes the source.' }),
    serviceAuthPublicKey: z.string().optional().meta({ description: 'An empty string removes the key.' }),
    autoApproveSubscription: z.boolean().optional(),
  })
  .meta({ id: 'UpdateServiceEnvironmentRequest' });

export const ServiceEnvironmentParams = z.object({ serviceId: Id, id: Id });
export const ServiceParams = z.object({ serviceId: Id });

export const DescribeServiceEnvironmentResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    name: z.string(),
    key: z.string(),
    description: z.string(),
    type: z.string(),
    visibility: z.string(),
    deploymentConfigId: z.string(),
    sourceEnvironmentId: z.string().meta({ description: 'Empty when the environment has no promotion source.' }),
    serviceAuthPublicKey: z.string(),
    autoApproveSubscription: z.boolean(),
    roleType: z.string().meta({ description: 'Role of the caller.' }),
    saasPortalStatus: z.string(),
    saasPortalUrl: z.string(),
  })
  .meta({ id: 'DescribeServiceEnvironmentResult' });

export const ListServiceEnvironmentsResult = z
  .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
  .meta({ id: 'ListServiceEnvironmentsResult' });
