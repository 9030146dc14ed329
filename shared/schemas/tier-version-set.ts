/** Wire schemas of the tier-version-set group (releases of a product tier). Field names follow the reference. */
import { z } from 'zod';
import { Id, LIMITS, PageQuery, text } from '#shared/schemas/common.ts';
import { ProductTierFeatureDetail } from '#shared/schemas/product-tier.ts';

export const VERSION_SET_TYPES = ['Major', 'Incremental', 'UserDefined'] as const;
export const VERSION_SET_LIMITS = { version: 64, name: LIMITS.name, description: LIMITS.description } as const;

/** `major`, `MAJOR`, `Major` all read as Major. */
export const VersionSetTypeInput = z
  .string()
  .max(64)
  .transform((v) => VERSION_SET_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v)
  .pipe(z.enum(VERSION_SET_TYPES, { error: `must be one of ${VERSION_SET_TYPES.join(', ')}` }));

/** A version string: `1.0`, `2.1`, or a user-defined one (letters, digits, `.`, `-`, `_`). */
export const VersionText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(VERSION_SET_LIMITS.version, `must be at most ${VERSION_SET_LIMITS.version} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and hold only letters, digits, ".", "-" and "_"');

export const TierVersionSetsParams = z.object({ serviceId: Id, productTierId: Id });
export const TierVersionSetParams = TierVersionSetsParams.extend({ version: VersionText });
export const DiffTierVersionSetsParams = TierVersionSetParams.extend({ anotherVersion: VersionText });

const flag = z
  .enum(['true', 'false', ''])
  .optional()
  .transform((v) => v === 'true');

export const ListTierVersionSetsQuery = PageQuery.extend({
  latestMajorVersionOnly: flag,
  latestIncrementalVersionForMajorVersion: text(64).optional(),
});

export const CreateTierVersionSetRequest = z
  .object({
    type: VersionSetTypeInput,
    name: text(VERSION_SET_LIMITS.name).optional().meta({ description: 'The version for UserDefined; a display name otherwise.' }),
    description: text(VERSION_SET_LIMITS.description).optional(),
    parentVersion: VersionText.optional(),
  })
  .meta({ id: 'CreateTierVersionSetRequest2' });

export const CreateTierVersionSetResult = z.object({ version: z.string() }).meta({ id: 'CreateTierVersionSetResult' });

export const ReleaseTierVersionSetRequest = z
  .object({ isPreferred: z.boolean().optional(), name: text(VERSION_SET_LIMITS.name).optional() })
  .meta({ id: 'ReleaseTierVersionSetRequest2' });

export const ResourceSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    isExternal: z.boolean(),
    managedResourceType: z.string().optional(),
  })
  .meta({ id: 'ResourceSummary' });

export const TierVersionSet = z
  .object({
    serviceId: z.string(),
    productTierId: z.string(),
    serviceModelId: z.string(),
    version: z.string(),
    name: z.string(),
    description: z.string(),
    type: z.string(),
    status: z.string(),
    baseVersion: z.string(),
    parentVersion: z.string(),
    autoApproveSubscription: z.boolean(),
    features: z.record(z.string(), z.boolean()),
    enabledFeatures: z.array(ProductTierFeatureDetail),
    resources: z.array(ResourceSummary),
    instanceCount: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    releasedAt: z.string().meta({ description: "'' while the version set is Pending." }),
    releasedBy: z.string(),
  })
  .meta({ id: 'TierVersionSet' });

export const ListTierVersionSetsResult = z
  .object({ tierVersionSets: z.array(TierVersionSet), nextPageToken: z.string().optional() })
  .meta({ id: 'ListTierVersionSetsResult' });

const Change = z.object({ name: z.string(), changeType: z.string(), attributes: z.record(z.string(), z.string()) });
export const ChangeSummary = z.object({ status: z.string(), changes: z.array(Change) });
export const ChangeSet = z.object({
  resourceName: z.string(),
  overallResourceStatus: z.string(),
  resourceChanges: z.string(),
  productTierFeatureChanges: z.string(),
  categorizedResourceChanges: z.record(z.string(), ChangeSummary),
});

export const DiffTierVersionSetsResult = z
  .object({
    serviceId: z.string(),
    productTierId: z.string(),
    version: z.string(),
    anotherVersion: z.string(),
    resourceChangeSets: z.record(z.string(), ChangeSet).meta({ description: 'Resource id → how it differs from `version` to `anotherVersion`.' }),
  })
  .meta({ id: 'DiffTierVersionSetsResult' });
