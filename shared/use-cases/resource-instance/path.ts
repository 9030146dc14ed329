/**
 * Instance paths carry keys (`/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/
 * {serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}[/{id}]?subscriptionId=`): this
 * module turns them into ids, and is the one place that decides who reaches which instance.
 *
 * - `planByKeys`: the plan the keys name in the caller's provider (404 otherwise; a customer only in its
 *   portal's environment type). The audit log's plan paths use it too.
 * - `instanceTarget`: the plan, its resource and the subscription the call acts in — for a customer its own
 *   live subscription to the plan (ACTIVE when `active` is asked: what a create needs; 403 without one); for a
 *   provider the `subscriptionId` query when given (one of its plan's), else none (all of the plan's).
 * - `instanceOfCaller`: the instance, or 404 `resource instance not found` for anything the caller may not
 *   reach, whatever the ids: a customer reaches the instances of its org's subscriptions (or of a subscription
 *   it holds a role on), a provider the instances of its services. Tenancy is absolute.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { canWrite, providerOrgOf } from '#shared/auth/caller.ts';
import { Forbidden, NotFound } from '#shared/errors.ts';
import { serviceByKey, type ServiceItem } from '#shared/data/entities/service.ts';
import { getProviderProfile } from '#shared/data/entities/org.ts';
import { environmentByKey, type EnvironmentItem } from '#shared/data/entities/environment.ts';
import { getServiceApi, serviceApiIdOfEnvironment, type ServiceApiItem } from '#shared/data/entities/service-api.ts';
import { serviceModelByKey, type ServiceModelItem } from '#shared/data/entities/service-model.ts';
import { productTierByKey, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { findResource, type ResourceItem } from '#shared/data/entities/resource.ts';
import { getSubscription, getSubscriptionRole, liveSubscriptionIdOf, type SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { getResourceInstance, resourceIdByKey, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';

export interface PlanKeys {
  serviceProviderId: string;
  serviceKey: string;
  serviceAPIVersion: string;
  serviceEnvironmentKey: string;
  serviceModelKey: string;
  productTierKey: string;
}

export interface PlanByKeys {
  providerOrgId: string;
  productTierId: string;
  service: ServiceItem;
  environment: EnvironmentItem;
  serviceApi: ServiceApiItem;
  model: ServiceModelItem;
  tier: ProductTierItem;
}

/** The plan the keys name, in the caller's provider, or 404 (a customer: only in its portal's environment type). */
export async function planByKeys(caller: Caller, p: PlanKeys): Promise<PlanByKeys> {
  const providerOrgId = providerOrgOf(caller);
  // Clients put the provider's `serviceProviderId` (what offerings and DescribeService answer, `sp-…`) in the
  // path; the org id is taken too, as older callers of this project sent it. Read beside the service lookup.
  const [profile, service] = await Promise.all([
    p.serviceProviderId === providerOrgId ? undefined : getProviderProfile(providerOrgId),
    serviceByKey(providerOrgId, p.serviceKey),
  ]);
  if (profile && (!profile.serviceProviderId || p.serviceProviderId !== profile.serviceProviderId)) throw new NotFound('service');
  const environment = await environmentByKey(providerOrgId, service.serviceId, p.serviceEnvironmentKey);
  if (caller.customer && environment.type !== caller.customer.environmentType) throw new NotFound('service environment');
  const apiId = await serviceApiIdOfEnvironment(service.serviceId, environment.environmentId);
  if (!apiId) throw new NotFound('service API');
  const serviceApi = await getServiceApi(providerOrgId, service.serviceId, apiId);
  if (serviceApi.apiVersion !== p.serviceAPIVersion) throw new NotFound('service API');
  const model = await serviceModelByKey(providerOrgId, service.serviceId, apiId, p.serviceModelKey);
  const tier = await productTierByKey(providerOrgId, service.serviceId, model.serviceModelId, p.productTierKey);
  return { providerOrgId, productTierId: tier.productTierId, service, environment, serviceApi, model, tier };
}

export interface InstanceTarget extends PlanByKeys {
  resource: ResourceItem;
  /** The subscription the call acts in (absent: a provider call over all of the plan's subscriptions). */
  subscription?: SubscriptionItem;
}

export interface TargetOptions {
  /** The subscription must be ACTIVE and present (a create). */
  active?: boolean;
  /** The call changes something: reader roles (provider or subscription) are refused with 403. */
  write?: boolean;
}

const NO_SUBSCRIPTION = 'the caller has no ACTIVE subscription to this plan';

/** The plan, resource and subscription an instance path names (see the module comment). */
export async function instanceTarget(caller: Caller, params: PlanKeys & { resourceKey: string }, query: { subscriptionId?: string }, opts: TargetOptions = {}): Promise<InstanceTarget> {
  const plan = await planByKeys(caller, params);
  const resourceId = await resourceIdByKey(plan.service.serviceId, plan.productTierId, params.resourceKey);
  const resource = resourceId ? await findResource(plan.service.serviceId, resourceId) : undefined;
  if (!resource || resource.orgId !== plan.providerOrgId) throw new NotFound('resource');
  let subscription: SubscriptionItem | undefined;
  if (caller.customer) {
    const id = query.subscriptionId ?? (await liveSubscriptionIdOf(caller.orgId, plan.productTierId));
    subscription = id ? await getSubscription(id) : undefined;
    if (subscription && !(await customerReaches(caller, subscription))) subscription = undefined;
    if (query.subscriptionId && (!subscription || subscription.productTierId !== plan.productTierId)) throw new NotFound('subscription');
    if (!subscription || subscription.productTierId !== plan.productTierId || subscription.status === 'TERMINATED') throw new Forbidden(NO_SUBSCRIPTION);
  } else {
    if (opts.write && !canWrite(caller.role)) throw new Forbidden();
    const id = query.subscriptionId ?? (opts.active ? await liveSubscriptionIdOf(caller.orgId, plan.productTierId) : undefined);
    subscription = id ? await getSubscription(id) : undefined;
    if (query.subscriptionId && (!subscription || subscription.providerOrgId !== plan.providerOrgId || subscription.productTierId !== plan.productTierId)) {
      throw new NotFound('subscription');
    }
  }
  if (opts.active && subscription?.status !== 'ACTIVE') throw new Forbidden(subscription ? `subscription ${subscription.subscriptionId} is ${subscription.status}` : NO_SUBSCRIPTION);
  if (opts.write && caller.customer && subscription && (await subscriptionRoleOf(caller, subscription)) === 'reader') {
    throw new Forbidden('a reader of the subscription may not change its instances');
  }
  return { ...plan, resource, ...(subscription ? { subscription } : {}) };
}

/** The caller's role on the subscription: its own role item, or root for its org's own subscription without one. */
async function subscriptionRoleOf(caller: Caller, sub: SubscriptionItem): Promise<string | undefined> {
  const role = await getSubscriptionRole(sub.subscriptionId, caller.userId);
  if (role) return role.roleType;
  return sub.customerOrgId === caller.orgId ? 'root' : undefined;
}

/** A customer reaches a subscription of its provider and portal type that its org holds or it holds a role on. */
async function customerReaches(caller: Caller, sub: SubscriptionItem): Promise<boolean> {
  const scope = caller.customer!;
  if (sub.providerOrgId !== scope.providerOrgId || sub.environmentType !== scope.environmentType) return false;
  return sub.customerOrgId === caller.orgId || (await getSubscriptionRole(sub.subscriptionId, caller.userId)) !== undefined;
}

export const INSTANCE_NOT_FOUND = 'resource instance';

/** Whether the caller may reach the instance at all (no path involved); a snapshot carries the same fields and the same reach. */
export async function callerReaches(caller: Caller, item: Pick<ResourceInstanceItem, 'providerOrgId' | 'customerOrgId' | 'environmentType' | 'subscriptionId'>): Promise<boolean> {
  if (caller.customer) {
    if (item.providerOrgId !== caller.customer.providerOrgId || item.environmentType !== caller.customer.environmentType) return false;
    return item.customerOrgId === caller.orgId || (await getSubscriptionRole(item.subscriptionId, caller.userId)) !== undefined;
  }
  return item.providerOrgId === caller.orgId || item.customerOrgId === caller.orgId;
}

/**
 * The instance `id` under the path, if the caller may reach it, else 404 `resource instance not found` (also
 * for an instance of another plan, resource or subscription than the path and query name).
 */
export async function instanceOfCaller(
  caller: Caller,
  params: PlanKeys & { resourceKey: string },
  query: { subscriptionId?: string },
  id: string,
  opts: Omit<TargetOptions, 'active'> = {},
): Promise<{ item: ResourceInstanceItem; target: InstanceTarget }> {
  const [target, item] = await Promise.all([instanceTarget(caller, params, query, opts).catch(notFoundForCustomers(caller)), getResourceInstance(id)]);
  if (
    !item ||
    item.productTierId !== target.productTierId ||
    item.resourceId !== target.resource.resourceId ||
    (query.subscriptionId !== undefined && item.subscriptionId !== query.subscriptionId) ||
    !(await callerReaches(caller, item))
  ) {
    throw new NotFound(INSTANCE_NOT_FOUND);
  }
  if (opts.write && caller.customer && item.customerOrgId !== caller.orgId) {
    const role = await getSubscriptionRole(item.subscriptionId, caller.userId);
    if (role?.roleType === 'reader') throw new Forbidden('a reader of the subscription may not change its instances');
  }
  return { item, target };
}

/**
 * A customer whose subscription was suspended or moved still reaches its instances by id: the 403 of a missing
 * subscription does not apply to an instance path, whose reach is decided on the instance itself.
 */
function notFoundForCustomers(caller: Caller) {
  return async (e: unknown): Promise<InstanceTarget> => {
    if (!(e instanceof Forbidden) || !caller.customer || e.message !== NO_SUBSCRIPTION) throw e;
    throw new NotFound(INSTANCE_NOT_FOUND);
  };
}
