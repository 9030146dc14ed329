/** Wire schemas of the product-tier operations. */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';
import { TierTypeInput } from '#shared/schemas/service-model.ts';

const Regions = z.array(z.string());
const Settings = z.record(z.string(), z.unknown());
const FeatureName = NonEmpty.max(256);
const Scope = z.string().max(64).meta({ description: 'Where the feature applies, e.g. INTERNAL (stored upper-case).' });

export const ProductTierParams = z.object({ serviceId: Id, id: Id });
export const ProductTierCreateParams = z.object({ serviceId: Id });
export const ServiceModelTiersParams = z.object({ serviceId: Id, serviceModelId: Id });
export const CopyProductTierParams = z.object({ serviceId: Id, sourceId: Id });
export const DescribeProductTierQuery = z.object({
  version: z.string().optional().meta({ description: 'Accepted; the current definition answers until version sets exist.' }),
});

/** The settings a plan carries besides its identity; shared by create, update and copy. */
const tierSettings = {
  planDescription: z.string().meta({ description: 'What end customers read about the plan.' }),
  pricing: z.unknown().meta({ description: 'Pricing, stored and returned as given (any JSON value).' }),
  pricePerUnit: Settings,
  awsRegions: Regions,
  gcpRegions: Regions,
  azureRegions: Regions,
  support: z.string(),
  documentation: z.string(),
  billingProductID: z.string(),
  maxNumberOfInstances: z.number().int().min(0).meta({ description: 'Instances a customer may run on the plan.' }),
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
    name: NonEmpty.max(256).meta({ description: 'Its key is derived from it and unique within the model.' }),
    description: z.string().default(''),
    planDescription: z.string(),
    tierType: TierTypeInput.meta({ description: 'OMNISTRATE_DEDICATED_TENANCY, OMNISTRATE_MULTI_TENANCY or CUSTOM (any case).' }),
    isDisabled: z.boolean().optional().meta({ description: 'Created disabled: customers cannot subscribe until it is enabled.' }),
  })
  .meta({ id: 'CreateProductTierRequest' });

export const UpdateProductTierRequest = z
  .object({
    ...optional(tierSettings),
    name: NonEmpty.max(256).optional().meta({ description: 'The key stays as it was.' }),
    description: z.string().optional(),
    tierType: TierTypeInput.optional(),
    isDisabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateProductTierRequest' });

export const CopyProductTierRequest = z
  .object({
    ...optional(tierSettings),
    serviceModelId: Id.meta({ description: 'The model of the same service that gets the copy.' }),
    name: NonEmpty.max(256),
    description: z.string().optional(),
    targetTierType: TierTypeInput.optional().meta({ description: "Tier type of the copy; the source's when absent." }),
  })
  .meta({ id: 'CopyProductTierRequest' });

export const EnableProductTierFeatureRequest = z
  .object({ feature: FeatureName, configuration: Settings.optional(), scope: Scope.optional() })
  .meta({ id: 'EnableProductTierFeatureRequest' });

export const DisableProductTierFeatureRequest = z
  .object({
    feature: FeatureName,
    scope: Scope.optional().meta({ description: 'When given, must be the scope the feature was enabled with.' }),
  })
  .meta({ id: 'DisableProductTierFeatureRequest' });

export const ProductTierFeatureDetail = z
  .object({ feature: z.string(), configuration: Settings, scope: z.string().optional() })
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
    pricePerUnit: Settings,
    awsRegions: Regions,
    gcpRegions: Regions,
    azureRegions: Regions,
    support: z.string(),
    documentation: z.string(),
    billingProductID: z.string(),
    maxNumberOfInstances: z.number().int().optional(),
    autoApproveSubscription: z.boolean(),
    allowCreatesWhenPaymentNotConfigured: z.boolean(),
    exportUsageMetering: z.boolean(),
    exportUsageMeteringConfig: Settings,
    isDisabled: z.boolean(),
    features: z.record(z.string(), z.boolean()).meta({ description: 'Feature name → enabled.' }),
    enabledFeatures: z.array(ProductTierFeatureDetail),
    apiGroups: Settings.meta({ description: 'Empty until version sets exist.' }),
    cloudProvidersConfigReadiness: Settings.meta({ description: 'Empty until account configs exist.' }),
  })
  .meta({ id: 'DescribeProductTierResult' });

export const ListProductTiersResult = z
  .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
  .meta({ id: 'ListProductTiersResult' });
