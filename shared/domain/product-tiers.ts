/**
 * Leftover re-exports for other families (domain/service-plans.ts); the rules live in domain/product-tier.ts.
 * Delete once no importer is left (docs/decisions/005).
 */
export { enabledFeatureList, featureFlags, regionList, type TierFeature, type TierType } from '#shared/domain/product-tier.ts';
