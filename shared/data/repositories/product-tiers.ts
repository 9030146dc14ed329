/**
 * Leftover: the service-plan reads (GetServicePlan, ListServicePlans), which the service family moves into its
 * own use case. The product-tier operations live in shared/use-cases/product-tier.ts and the tier's item and
 * reads in shared/data/entities/product-tier.ts. Delete this file once service-plan no longer imports it.
 */
import { keys } from '#shared/data/keys.ts';
import { queryAll, queryPage } from '#shared/data/store.ts';
import { getEnvironment, type EnvironmentItem } from '#shared/data/entities/environment.ts';
import { getServiceApi, type ServiceApiItem } from '#shared/data/entities/service-api.ts';
import { getServiceModel, type ServiceModelItem } from '#shared/data/entities/service-model.ts';
import { getProductTier, tiersOfService, type ProductTierItem } from '#shared/data/entities/product-tier.ts';


/** True when the tier's definition log holds a change (a resource, parameter or file added, changed or removed). */
export async function hasRecordedChanges(serviceId: string, productTierId: string): Promise<boolean> {
  const page = await queryPage({ ...keys.changesOfTier(serviceId, productTierId), limit: 1 });
  return page.items.length > 0;
}

/** What a service plan joins: a tier with its model, service API and environment. */
export interface ServicePlanParts {
  tier: ProductTierItem;
  model: ServiceModelItem;
  api: ServiceApiItem;
  environment: EnvironmentItem;
  hasPendingChanges: boolean;
}

/** The plan of one tier: five reads in two rounds (tier; then model, API, environment and the change log). */
export async function getServicePlan(orgId: string, serviceId: string, productTierId: string): Promise<ServicePlanParts> {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const [model, api, environment, hasPendingChanges] = await Promise.all([
    getServiceModel(orgId, serviceId, tier.serviceModelId),
    getServiceApi(orgId, serviceId, tier.serviceApiId),
    getEnvironment(orgId, serviceId, tier.environmentId),
    hasRecordedChanges(serviceId, productTierId),
  ]);
  return { tier, model, api, environment, hasPendingChanges };
}

/**
 * The plans of an environment, oldest first: Queries on the service partition for its tiers, models and
 * APIs (filtered on the environment), and one look at each tier's change log.
 */
export async function listServicePlans(orgId: string, serviceId: string, environmentId: string): Promise<ServicePlanParts[]> {
  const [environment, tiers, models, apis] = await Promise.all([
    getEnvironment(orgId, serviceId, environmentId),
    tiersOfService(serviceId),
    queryAll<ServiceModelItem>(keys.serviceModelsOfService(serviceId)),
    queryAll<ServiceApiItem>(keys.serviceApisOfService(serviceId)),
  ]);
  const modelById = new Map(models.filter((m) => m.orgId === orgId).map((m) => [m.serviceModelId, m]));
  const apiById = new Map(apis.filter((a) => a.orgId === orgId).map((a) => [a.serviceApiId, a]));
  const plans = tiers.filter((t) => t.orgId === orgId && t.environmentId === environmentId);
  return Promise.all(
    plans.flatMap((tier) => {
      const model = modelById.get(tier.serviceModelId);
      const api = apiById.get(tier.serviceApiId);
      // A tier always has both (their deletes are refused while it exists); skip rather than invent them.
      if (!model || !api) return [];
      return [hasRecordedChanges(serviceId, tier.productTierId).then((hasPendingChanges) => ({ tier, model, api, environment, hasPendingChanges }))];
    }),
  );
}
