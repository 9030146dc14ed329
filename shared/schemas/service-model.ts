/** Wire schemas of the service-model operations (bounds: docs/limits.md). */
import { z } from 'zod';
import { freeForm, Id, LIMITS, list, listResult, NonEmpty, text } from '#shared/schemas/common.ts';
import { normalizeEnumValue } from '#shared/domain/environment.ts';
import { TierTypeInput } from '#shared/schemas/product-tier.ts';

export const MODEL_TYPES = ['OMNISTRATE_HOSTED', 'CUSTOMER_HOSTED', 'BYOA'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** Bounds of the model fields that have no common bound (docs/limits.md). */
export const MODEL_LIMITS = {
  /** Features of a model (and of a tier): given at create/copy or enabled one by one. */
  features: 64,
  /** Serialized size of one feature's configuration. */
  featureBytes: 16 * 1024,
  /** Account config ids named at create/copy. */
  accountConfigIds: 100,
} as const;

/** Accepted in any case (`byoa`, `Omnistrate_Hosted`); stored and returned upper-case. */
export const ModelTypeInput = z
  .string()
  .max(LIMITS.name)
  .transform(normalizeEnumValue)
  .pipe(z.enum(MODEL_TYPES, { error: `must be one of ${MODEL_TYPES.join(', ')}` }));

const FeatureName = NonEmpty;
const FeatureConfiguration = freeForm(MODEL_LIMITS.featureBytes).meta({ description: 'Settings of the feature.' });

export const ServiceModelFeatureDetail = z
  .object({ feature: FeatureName, configuration: FeatureConfiguration })
  .meta({ id: 'ServiceModelFeatureDetail' });

const Features = list(ServiceModelFeatureDetail, MODEL_LIMITS.features);
const AccountConfigIds = list(Id, MODEL_LIMITS.accountConfigIds);

export const ServiceModelParams = z.object({ serviceId: Id, id: Id });
export const ServiceModelCreateParams = z.object({ serviceId: Id });
export const ServiceApiModelsParams = z.object({ serviceId: Id, serviceApiId: Id });
export const CopyServiceModelParams = z.object({ serviceId: Id, sourceId: Id });

export const CreateServiceModelRequest = z
  .object({
    serviceApiId: Id.meta({ description: 'The service API the model belongs to.' }),
    name: NonEmpty.meta({ description: 'Its key is derived from it and unique within the service API.' }),
    description: text(LIMITS.description),
    modelType: ModelTypeInput.meta({ description: 'OMNISTRATE_HOSTED, CUSTOMER_HOSTED or BYOA (any case).' }),
    features: Features.optional(),
    accountConfigIds: AccountConfigIds.optional(),
  })
  .meta({ id: 'CreateServiceModelRequest' });

export const UpdateServiceModelRequest = z
  .object({
    name: NonEmpty.optional().meta({ description: 'The key stays as it was.' }),
    description: text(LIMITS.description).optional(),
  })
  .meta({ id: 'UpdateServiceModelRequest' });

export const EnableServiceModelFeatureRequest = z
  .object({ feature: FeatureName, configuration: FeatureConfiguration })
  .meta({ id: 'EnableServiceModelFeatureRequest' });

export const DisableServiceModelFeatureRequest = z
  .object({ feature: FeatureName })
  .meta({ id: 'DisableServiceModelFeatureRequest' });

export const CopyServiceModelRequest = z
  .object({
    name: NonEmpty,
    description: text(LIMITS.description),
    targetServiceModelType: ModelTypeInput.meta({ description: 'Model type of the copy (any case).' }),
    targetTierType: TierTypeInput.optional().meta({ description: 'Tier type given to every copied product tier.' }),
    features: Features.optional().meta({ description: "Replaces the source model's features." }),
    accountConfigIds: AccountConfigIds.optional(),
  })
  .meta({ id: 'CopyServiceModelRequest' });

export const DescribeServiceModelResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceApiId: z.string(),
    name: z.string(),
    key: z.string(),
    description: z.string(),
    modelType: z.string(),
    features: z.array(ServiceModelFeatureDetail),
    productTiers: z.array(z.string()).meta({ description: 'Ids of the product tiers of the model.' }),
    accountConfigIds: z.array(z.string()),
    activeAccountConfigIds: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'DescribeServiceModelResult' });

/** Every model of the API (bounded: docs/limits.md, models per service API). */
export const ListServiceModelsResult = listResult('ListServiceModelsResult');

/** ReleaseServiceModelStatus: READY when every plan of the model is released without pending changes. */
export const ReleaseServiceModelResult = z
  .object({ status: z.enum(['DEPLOYING', 'READY', 'PENDING', 'FAILED', 'NOT_CONFIGURED']) })
  .meta({ id: 'ReleaseServiceModelResult' });
