/** Wire schemas of the service-environment operations (bounds: docs/limits.md). */
import { z } from 'zod';
import { Id, LIMITS, listResult, NonEmpty, text } from '#shared/schemas/common.ts';
import { cleanId } from '#shared/domain/ids.ts';
import type { EnvironmentType, Visibility } from '#shared/data/entities/environment.ts';

export const ENVIRONMENT_TYPES = ['DEV', 'QA', 'STAGING', 'CANARY', 'PROD', 'PRIVATE'] as const satisfies readonly EnvironmentType[];
export const VISIBILITIES = ['PUBLIC', 'PRIVATE'] as const satisfies readonly Visibility[];

/** A PEM public key or certificate chain; RSA-4096 keys are under 1 KiB. */
export const PUBLIC_KEY_MAX = 16 * 1024;

/** Clients send any case (`dev`, `Prod`); stored and returned upper-case. */
export const EnvironmentTypeInput = z
  .string()
  .max(LIMITS.name)
  .trim()
  .toUpperCase()
  .pipe(z.enum(ENVIRONMENT_TYPES, { error: `must be one of ${ENVIRONMENT_TYPES.join(', ')}` }));

export const VisibilityInput = z
  .string()
  .max(LIMITS.name)
  .trim()
  .toUpperCase()
  .pipe(z.enum(VISIBILITIES, { error: `must be one of ${VISIBILITIES.join(', ')}` }));

/** An optional environment id where '' means "none" (clients send empty strings for unset fields). */
const OptionalEnvironmentRef = text(128).transform(cleanId);

const PublicKey = text(PUBLIC_KEY_MAX);

export const CreateServiceEnvironmentRequest = z
  .object({
    name: NonEmpty.meta({ description: 'Unique within the service.' }),
    description: text(LIMITS.description),
    type: EnvironmentTypeInput.optional().meta({ description: 'DEV, QA, STAGING, CANARY, PROD or PRIVATE (any case); DEV when absent.' }),
    visibility: VisibilityInput.optional().meta({ description: 'PUBLIC or PRIVATE (default).' }),
    deploymentConfigId: Id.meta({ description: 'A deployment config of the org, or `default`.' }),
    sourceEnvironmentId: OptionalEnvironmentRef.optional().meta({
      description: 'Environment of the same service whose changes are promoted into this one.',
    }),
    serviceAuthPublicKey: PublicKey.optional().meta({ description: 'PEM public key verifying control-plane JWTs.' }),
    autoApproveSubscription: z.boolean().optional(),
  })
  .meta({ id: 'CreateServiceEnvironmentRequest' });

export const UpdateServiceEnvironmentRequest = z
  .object({
    name: NonEmpty.optional(),
    description: text(LIMITS.description).optional(),
    visibility: VisibilityInput.optional(),
    deploymentConfigId: Id.optional(),
    sourceEnvironmentId: OptionalEnvironmentRef.optional().meta({ description: 'An empty string removes the source.' }),
    serviceAuthPublicKey: PublicKey.optional().meta({ description: 'An empty string removes the key.' }),
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

export const ListServiceEnvironmentsResult = listResult('ListServiceEnvironmentsResult');

// ---------------------------------------------------------------------------------------------- promotion

export const EnvironmentPromotionStatus = z
  .object({
    targetEnvironmentID: z.string(),
    status: z.enum(['IN_SYNC', 'OUT_OF_SYNC', 'UNKNOWN']).meta({
      description: 'IN_SYNC when the target holds every released version of the source plans, same statuses, newest definition equal.',
    }),
  })
  .meta({ id: 'EnvironmentPromotionStatus' });

/** One entry per environment promoted from this one (bounded by the environments of a service). */
export const PromoteServiceEnvironmentStatusResult = z.array(EnvironmentPromotionStatus);
