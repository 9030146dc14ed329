/**
 * Use cases of the service-plan group (one per operationId). A service plan is a read-side join of a product
 * tier with its service model, service API and environment, plus a one-item look at the tier's change log;
 * nothing is stored.
 */
import { keys } from '#shared/data/keys.ts';
import { queryPage } from '#shared/data/store.ts';
import { servicePlanView } from '#shared/domain/service-plan.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { readPlanRanges } from '#shared/data/entities/service.ts';

/** True when the tier's definition log holds a change (one `Limit 1` Query on its `CHANGE#<tierId>#` range). */
async function hasRecordedChanges(serviceId: string, productTierId: string): Promise<boolean> {
  const page = await queryPage({ ...keys.changesOfTier(serviceId, productTierId), limit: 1 });
  return page.items.length > 0;
}

/** GetServicePlan: five reads in two rounds (the tier; then its model, API, environment and change log). */
export async function getServicePlan(orgId: string, serviceId: string, productTierId: string) {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const [model, api, environment, hasPendingChanges] = await Promise.all([
    getServiceModel(orgId, serviceId, tier.serviceModelId),
    getServiceApi(orgId, serviceId, tier.serviceApiId),
    getEnvironment(orgId, serviceId, tier.environmentId),
    hasRecordedChanges(serviceId, productTierId),
  ]);
  return servicePlanView({ tier, model, api, environment, hasPendingChanges });
}

/**
 * ListServicePlans: the plans of an environment, oldest first — the service's tier, model and API ranges
 * (each bounded by a per-service limit) joined in memory, and one look at each plan's change log. Every plan
 * is returned (the reference has no paging parameters).
 */
export async function listServicePlans(orgId: string, serviceId: string, environmentId: string) {
  const [environment, { tiers, models, apis }] = await Promise.all([getEnvironment(orgId, serviceId, environmentId), readPlanRanges(serviceId)]);
  const modelById = new Map(models.filter((m) => m.orgId === orgId).map((m) => [m.serviceModelId, m]));
  const apiById = new Map(apis.filter((a) => a.orgId === orgId).map((a) => [a.serviceApiId, a]));
  const plans = tiers.filter((t) => t.orgId === orgId && t.environmentId === environmentId);
  const servicePlans = await Promise.all(
    plans.flatMap((tier) => {
      const model = modelById.get(tier.serviceModelId);
      const api = apiById.get(tier.serviceApiId);
      // A tier always has both (their deletes are refused while it exists); skip rather than invent them.
      if (!model || !api) return [];
      return [hasRecordedChanges(serviceId, tier.productTierId).then((hasPendingChanges) => servicePlanView({ tier, model, api, environment, hasPendingChanges }))];
    }),
  );
  return { servicePlans };
}
