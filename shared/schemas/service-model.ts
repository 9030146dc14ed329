/** Wire schemas of the service-model operations. */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';
import { MODEL_TYPES, normalizeEnumValue, TIER_TYPES } from '#shared/domain/service-models.ts';

/** Accepted in any case (`byoa`, `Omnistrate_Hosted`); stored and returned upper-case. */
export const ModelTypeInput = z
  .string()
  .transform(normalizeEnumValue)
  .pipe(z.enum(MODEL_TYPES, { error: `must be one of ${MODEL_TYPES.join(', ')}` }));

export const TierTypeInput = z
  .string()
  .transform(normalizeEnumValue)
  .pipe(z.enum(TIER_TYPES, { error: `must be one of ${TIER_TYPES.join(', ')}` }));

const FeatureName = NonEmpty.max(256);
const FeatureConfiguration = z.record(z.string(), z.unknown()).meta({ description: 'Settings of the feature.' });

export const ServiceModelFeatureDetail = z
  .object({ feature: FeatureName, configuration: FeatureConfiguration })
  .meta({ id: 'ServiceModelFeatureDetail' });

export const ServiceModelParams = z.object({ serviceId: Id, id: Id });
export const ServiceModelCreateParams = z.object({ serviceId: Id });
export const ServiceApiModelsParams = z.object({ serviceId: Id, serviceApiId: Id });
export const CopyServiceModelParams = z.object({ serviceId: Id, sourceId: Id });

export const CreateServiceModelRequest = z
  .object({
    serviceApiId: Id.meta({ description: 'The service API the model belongs to.' }),
    name: NonEmpty.max(256).meta({ description: 'Its key is derived from it and unique within the service API.' }),
    description: z.string(),
    modelType: ModelTypeInput.meta({ description: 'OMNISTRATE_HOSTED, CUSTOMER_HOSTED or BYOA (any case).' }),
    features: z.array(ServiceModelFeatureDetail).optional(),
    accountConfigIds: z.array(Id).optional(),
  })
  .meta({ id: 'CreateServiceModelRequest' });

export const UpdateServiceModelRequest = z
  .object({
    name: NonEmpty.max(256).optional().meta({ description: 'The key stays as it was.' }),
    description: z.string().optional(),
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
    name: NonEmpty.max(256),
    description: z.string(),
    targetServiceModelType: ModelTypeInput.meta({ description: 'Model type of the copy (any case).' }),
    targetTierType: TierTypeInput.optional().meta({ description: 'Tier type given to every copied product tier.' }),
    features: z.array(ServiceModelFeatureDetail).optional().meta({ description: "Replaces the source model's features." }),
    accountConfigIds: z.array(Id).optional(),
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

export const ListServiceModelsResult = z
  .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
  .meta({ id: 'ListServiceModelsResult' });
