/**
 * Leftover re-exports for other families (domain/service-plans.ts); the rules live in domain/service-model.ts
 * and domain/product-tier.ts. Delete once no importer is left (docs/decisions/005).
 */
export { featureList, featureMap, type FeatureConfiguration, type FeatureDetail } from '#shared/domain/service-model.ts';
export { MODEL_TYPES, type ModelType } from '#shared/schemas/service-model.ts';
export { TIER_TYPES, type TierType } from '#shared/schemas/product-tier.ts';
