/** Wire schemas of the product-tier operations (bounds: docs/limits.md). */
import { z } from 'zod';
import { freeForm, Id, LIMITS, list, listResult, NonEmpty, text } from '#shared/schemas/common.ts';
import { normalizeEnumValue } from '#shared/domain/environment.ts';
import { PricePerUnit } from '#shared/schemas/invoice.ts';

export const TIER_TYPES = ['OMNISTRATE_DEDICATED_TENANCY', 'OMNISTRATE_MULTI_TENANCY', 'CUSTOM'] as const;
export type TierType = (typeof TIER_TYPES)[number];

/** Bounds of the tier fields that have no common bound (docs/limits.md). */
export const TIER_LIMITS = {
  /** Region names per cloud. */
  regions: 100,
  /** A region name (`us-east-1`, `europe-west1`). */
  region: 64,
  /** Features enabled on a tier. */
  features: 64,
  /** A feature's scope (`INTERNAL`). */
  scope: 64,
  /** Serialized size of the pricing value, of pricePerUnit, of exportUsageMeteringConfig. */
  settingsBytes: 32 * 1024,
  /** Serialized size of one feature's configuration. */
  featureBytes: 16 * 1024,
  /** Instances a plan may cap customers at. */
  maxNumberOfInstances: 1_000_000,
} as const;

/** Accepted in any case (`custom`, `Omnistrate_Multi_Tenancy`); stored and returned upper-case. */
export const TierTypeInput = z
  .string()
  .max(LIMITS.name)
  .transform(normalizeEnumValue)
  .pipe(z.enum(TIER_TYPES, { error: `must be one of ${TIER_TYPES.join(', ')}` }));

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let d = 0;
  for (const x of Object.values(v)) d = Math.max(d, depthOf(x));
  return d + 1;
}

/** Any JSON value (pricing is stored and returned as given), bounded like a free-form object. */
const JsonValue = (maxBytes: number) =>
  z
    .unknown()
    .refine((v) => depthOf(v) <= LIMITS.depth, { message: `must be nested at most ${LIMITS.depth} levels deep` })
    .refine((v) => v === undefined || Buffer.byteLength(JSON.stringify(v) ?? '') <= maxBytes, {
      message: `must be at most ${maxBytes} bytes as JSON`,
    });

const Regions = list(text(TIER_LIMITS.region), TIER_LIMITS.regions);
const Settings = freeForm(TIER_LIMITS.settingsBytes);
const FeatureConfiguration = freeForm(TIER_LIMITS.featureBytes);
const FeatureName = NonEmpty;
const Scope = text(TIER_LIMITS.scope).meta({ description: 'Where the feature applies, e.g. INTERNAL (stored upper-case).' });

export const ProductTierParams = z.object({ serviceId: Id, id: Id });
export const ProductTierCreateParams = z.object({ serviceId: Id });
export const ServiceModelTiersParams = z.object({ serviceId: Id, serviceModelId: Id });
export const CopyProductTierParams = z.object({ serviceId: Id, sourceId: Id });
export const DescribeProductTierQuery = z.object({
  version: text(64).optional().meta({ description: 'A version set of the tier: answers the tier as it was released.' }),
});

/** The settings a plan carries besides its identity; shared by create, update and copy. */
const tierSettings = {
  planDescription: text(LIMITS.description).meta({ description: 'What end customers read about the plan.' }),
  pricing: JsonValue(TIER_LIMITS.settingsBytes).meta({ description: 'Pricing, stored and returned as given (any JSON value).' }),
  pricePerUnit: PricePerUnit(TIER_LIMITS.settingsBytes),
  awsRegions: Regions,
  gcpRegions: Regions,
  azureRegions: Regions,
  support: text(LIMITS.description),
  documentation: text(LIMITS.description),
  billingProductID: text(LIMITS.name),
  maxNumberOfInstances: z
    .number()
    .int()
    .min(0)
    .max(TIER_LIMITS.maxNumberOfInstances)
    .meta({ description: 'Instances a customer may run on the plan.' }),
  autoApproveSubscription: z.boolean(),
  allowCreatesWhenPaymentNotConfigured: z.boolean(),
  exportUsageMetering: z.boolean(),
  exportUsageMeteringConfig: Settings,
};

type Optionalized<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.ZodOptional<T[K]> };
function optional<T extends Record<string, z.ZodType>>(shape: T): Optionalized<T> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as Optionalized<T>;
}

export const CreateProductTierRequest = z
  .object({
    ...optional(tierSettings),
    serviceModelId: Id.meta({ description: 'The service model the tier belongs to.' }),
    name: NonEmpty.meta({ description: 'Its key is derived from it and unique within the model.' }),
    // Required by the contract (it may be '').
    description: text(LIMITS.description),
    planDescription: text(LIMITS.description),
    tierType: TierTypeInput.meta({ description: 'OMNISTRATE_DEDICATED_TENANCY, OMNISTRATE_MULTI_TENANCY or CUSTOM (any case).' }),
    isDisabled: z.boolean().optional().meta({ description: 'Created disabled: customers cannot subscribe until it is enabled.' }),
  })
  .meta({ id: 'CreateProductTierRequest' });

export const UpdateProductTierRequest = z
  .object({
    ...optional(tierSettings),
    name: NonEmpty.optional().meta({ description: 'The key stays as it was.' }),
    description: text(LIMITS.description).optional(),
    tierType: TierTypeInput.optional(),
    isDisabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateProductTierRequest' });

export const CopyProductTierRequest = z
  .object({
    ...optional(tierSettings),
    serviceModelId: Id.meta({ description: 'The model of the same service that gets the copy.' }),
    name: NonEmpty,
    // Required by the contract (it may be ''); the copy takes it, not the source's.
    description: text(LIMITS.description),
    targetTierType: TierTypeInput.optional().meta({ description: "Tier type of the copy; the source's when absent." }),
  })
  .meta({ id: 'CopyProductTierRequest' });

export const EnableProductTierFeatureRequest = z
  .object({ feature: FeatureName, configuration: FeatureConfiguration.optional(), scope: Scope.optional() })
  .meta({ id: 'EnableProductTierFeatureRequest' });

export const DisableProductTierFeatureRequest = z
  .object({
    feature: FeatureName,
    scope: Scope.optional().meta({ description: 'When given, must be the scope the feature was enabled with.' }),
  })
  .meta({ id: 'DisableProductTierFeatureRequest' });

const Free = z.record(z.string(), z.unknown());

export const ProductTierFeatureDetail = z
  .object({ feature: z.string(), configuration: Free, scope: z.string().optional() })
  .meta({ id: 'ProductTierFeatureDetail' });

export const DescribeProductTierResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceModelId: z.string(),
    name: z.string(),
    key: z.string(),
    description: z.string(),
    planDescription: z.string(),
    tierType: z.string(),
    pricing: z.unknown(),
    pricePerUnit: Free,
    awsRegions: z.array(z.string()),
    gcpRegions: z.array(z.string()),
    azureRegions: z.array(z.string()),
    support: z.string(),
    documentation: z.string(),
    billingProductID: z.string(),
    maxNumberOfInstances: z.number().int().optional(),
    autoApproveSubscription: z.boolean(),
    allowCreatesWhenPaymentNotConfigured: z.boolean(),
    exportUsageMetering: z.boolean(),
    exportUsageMeteringConfig: Free,
    isDisabled: z.boolean(),
    features: z.record(z.string(), z.boolean()).meta({ description: 'Feature name → enabled.' }),
    enabledFeatures: z.array(ProductTierFeatureDetail),
    apiGroups: Free.meta({ description: 'Empty until version sets exist.' }),
    cloudProvidersConfigReadiness: Free.meta({ description: 'Empty until account configs exist.' }),
  })
  .meta({ id: 'DescribeProductTierResult' });

/** Every tier of the model (bounded: docs/limits.md, tiers per model). */
export const ListProductTiersResult = listResult('ListProductTiersResult');
