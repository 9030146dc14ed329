/**
 * Use cases of the service-plan group (one per operationId). A service plan is a read-side join of a product
 * tier with its service model, service API and environment, plus a one-item look at the tier's change log (newer than its last release?);
 * nothing is stored.
 */
import { servicePlanView } from '#shared/domain/service-plan.ts';
import { getEnvironment } from '#shared/data/entities/environment.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import { getServiceModel } from '#shared/data/entities/service-model.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { readPlanRanges } from '#shared/data/entities/service.ts';
import { hasPendingChanges, releaseStateOf } from '#shared/data/entities/tier-version-set.ts';

/** GetServicePlan: five reads in two rounds (the tier; then its model, API, environment and change log). */
export async function getServicePlan(orgId: string, serviceId: string, productTierId: string) {
  const tier = await getProductTier(orgId, serviceId, productTierId);
  const [model, api, environment, pending] = await Promise.all([
    getServiceModel(orgId, serviceId, tier.serviceModelId),
    getServiceApi(orgId, serviceId, tier.serviceApiId),
    getEnvironment(orgId, serviceId, tier.environmentId),
    hasPendingChanges(tier),
  ]);
  return servicePlanView({ tier, model, api, environment, hasPendingChanges: pending, release: releaseStateOf(tier) });
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
      return [hasPendingChanges(tier).then((pending) => servicePlanView({ tier, model, api, environment, hasPendingChanges: pending, release: releaseStateOf(tier) }))];
    }),
  );
  return { servicePlans };
}
