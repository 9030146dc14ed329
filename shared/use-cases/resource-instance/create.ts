/**
 * CreateResourceInstance: checks the request against the plan's released version the customer gets
 * (`offeredVersion`: Preferred, else the latest Active — the contract's body has no version field), records the
 * instance DEPLOYING with its counters in one commit, starts `create-resource-instance` (execution name = the
 * operation id) and answers at once.
 *
 * What is checked, in order: the path and the caller's ACTIVE subscription (path.ts), the Idempotency-Key (a
 * key this user used for a create that still exists answers that instance's id and starts nothing), the plan's
 * released definition holding the resource, `requestParams` against the resource's input parameters, the cloud
 * and region against the tier's regions, payment (below), and the tier's `maxNumberOfInstances` — per
 * subscription, enforced by the subscription's `instanceCount` counter with `atMost`, so concurrent creates
 * can never pass it.
 *
 * Payment: no payment provider is wired into this deployment, so a customer never has payment configured
 * through it. A plan that charges (a price or a billing product on the tier) therefore takes creates only when
 * its `allowCreatesWhenPaymentNotConfigured` is set, when the provider bills the subscription itself (its
 * `externalPayerId` is set, Fleet UpdateSubscription), or when the provider creates on its own subscription.
 * A free plan needs no payment.
 *
 * Counters: the subscription's and version set's `instanceCount` +1; the subscription's first instance, when
 * the subscription has exactly one root, counts on that root's `soleRootOfInstancedSubscriptions` and leaves a
 * mark naming it (the delete that removes the last instance takes it back).
 */
import type { Caller } from '#shared/auth/caller.ts';
import { BadRequest, Conflict, Forbidden, InvalidState, NotFound } from '#shared/errors.ts';
import { commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { auditFacts } from '#shared/data/entities/audit-event.ts';
import { getSubscription, rolesOfSubscription, type SubscriptionItem } from '#shared/data/entities/subscription.ts';
import { soleRootCounter } from '#shared/data/entities/user.ts';
import { getVersionSet, versionSetKey } from '#shared/data/entities/tier-version-set.ts';
import {
  getInstancedRootMark,
  IDEMPOTENCY_KEY_TAKEN,
  instancedRootMark,
  instancedRootMarkKey,
  instanceIdempotencyGuard,
  instanceIdempotencyGuardKey,
  instanceOfIdempotencyKey,
  MAX_INSTANCE_RESOURCES,
  newResourceInstanceItem,
  resourceInstanceEntry,
  ROOT_MARK_TAKEN,
  subscriptionInstanceCounter,
  versionSetInstanceCounter,
  type InstanceResourceState,
  type ResourceInstanceItem,
} from '#shared/data/entities/resource-instance.ts';
import { newLowerId } from '#shared/domain/ids.ts';
import { instanceResources, placementOf, planCharges, replicasOf, resolveRequestParams } from '#shared/domain/instance-plan.ts';
import { offeredVersion } from '#shared/use-cases/service-offering.ts';
import { definitionOf } from '#shared/use-cases/tier-version-set/release.ts';
import { actingUser } from '#shared/use-cases/subscription/common.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { instanceTarget, type InstanceTarget, type PlanKeys } from '#shared/use-cases/resource-instance/path.ts';
import { backupPolicyOf } from '#shared/domain/instance-snapshot.ts';
import { backupScheduleOnCreate } from '#shared/use-cases/resource-instance/backups.ts';

export const CREATE_WORKFLOW = 'create-resource-instance';

export interface CreateInstanceBody {
  cloud_provider?: string;
  region?: string;
  network_type?: string;
  custom_network_id?: string;
  externalBillingId?: string;
  requestParams?: Record<string, unknown>;
}

/**
 * A restore (snapshots.ts): the new instance is created like any other, but at the snapshot's version, placement
 * and parameters, with `restoredFrom` set (the create workflow then drives the path resource with `restore`).
 */
export interface RestoreFrom {
  restoredFrom: NonNullable<ResourceInstanceItem['restoredFrom']>;
  tierVersion: string;
  cloudProvider: string;
  region: string;
  requestParams: Record<string, unknown>;
}

/** Idempotency-Key header values: 1–255 visible characters. */
function idempotencyKeyOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim();
  if (!key) return undefined;
  if (key.length > 255) throw new BadRequest('header Idempotency-Key must be at most 255 characters');
  return key;
}

function assertPaymentAllows(caller: Caller, tier: { pricing: unknown; pricePerUnit: Record<string, unknown>; billingProductID: string; allowCreatesWhenPaymentNotConfigured: boolean }, sub: SubscriptionItem): void {
  if (!planCharges(tier) || tier.allowCreatesWhenPaymentNotConfigured) return;
  if (sub.externalPayerId || sub.customerOrgId === sub.providerOrgId || (!caller.customer && caller.orgId === sub.providerOrgId)) return;
  throw new InvalidState('payment is not configured for this subscription, and the plan does not allow creates without it');
}

/**
 * Every check a create makes before it writes (the module comment's list, up to the instance limit, which the
 * commit enforces): what CreateResourceInstance runs first, and what an orchestration runs on each deployment
 * of its DSL before it records anything. `deferred` names request parameters whose values come later (an
 * orchestration's references to another deployment's outputs): present, checked when the create runs.
 */
export async function checkCreate(
  caller: Caller,
  params: PlanKeys & { resourceKey: string },
  query: { subscriptionId?: string },
  body: CreateInstanceBody,
  opts: { restore?: RestoreFrom; deferred?: ReadonlySet<string>; target?: InstanceTarget } = {},
) {
  const { restore, deferred } = opts;
  const target = opts.target ?? (await instanceTarget(caller, params, query, { active: true, write: true }));
  const sub = target.subscription!;
  const tier = target.tier;
  const offered = restore ? await getVersionSet(target.providerOrgId, tier.serviceId, tier.productTierId, restore.tierVersion) : await offeredVersion(tier);
  if (!offered) throw new InvalidState(`product tier ${tier.productTierId} has no released version to create instances of`);
  const { definition } = await definitionOf(offered);
  const root = definition.resources.find((r) => r.resource.resourceId === target.resource.resourceId);
  if (!root) throw new NotFound('resource');
  const parts = instanceResources(definition.resources, root.resource.resourceId);
  if (parts.length > MAX_INSTANCE_RESOURCES) throw new InvalidState(`an instance holds at most ${MAX_INSTANCE_RESOURCES} resources; this plan's resource needs ${parts.length}`);
  const requestParams = resolveRequestParams(root.inputParameters, restore ? restore.requestParams : (body.requestParams ?? {}), 'body.requestParams', deferred);
  const placement = placementOf(definition.tier, restore?.cloudProvider ?? body.cloud_provider, restore?.region ?? body.region);
  const backup = backupPolicyOf(root.resource);
  assertPaymentAllows(caller, definition.tier, sub);
  return { target, sub, tier, offered, root, parts, requestParams, placement, backup };
}

export async function createResourceInstance(
  caller: Caller,
  params: PlanKeys & { resourceKey: string },
  query: { subscriptionId?: string },
  body: CreateInstanceBody,
  idempotencyHeader?: string,
  restore?: RestoreFrom,
): Promise<{ id: string }> {
  const target = await instanceTarget(caller, params, query, { active: true, write: true });
  const sub = target.subscription!;
  const idemKey = idempotencyKeyOf(idempotencyHeader);
  const guardKey = idemKey ? instanceIdempotencyGuardKey(sub.customerOrgId, caller.userId, idemKey) : undefined;
  if (guardKey) {
    const existing = await instanceOfIdempotencyKey(guardKey);
    if (existing) return { id: existing };
  }
  const { tier, offered, root, parts, requestParams, placement, backup } = await checkCreate(caller, params, query, body, { restore, target });
  const who = await actingUser(caller);
  const instanceId = newLowerId('instance', 10);
  const operationId = newLowerId('op', 16);
  const resources: Record<string, InstanceResourceState> = {};
  for (const p of parts) {
    const r = p.resource;
    const own = Object.fromEntries(p.inputParameters.filter((ip) => ip.key in requestParams).map((ip) => [ip.key, requestParams[ip.key]]));
    resources[r.resourceId] = { resourceId: r.resourceId, resourceKey: r.key, name: r.name, status: 'PENDING', ...replicasOf(r, own), outputs: {}, endpoints: [], nodes: [] };
  }
  const maxInstances = tier.maxNumberOfInstances;
  const limit = maxInstances !== undefined && maxInstances > 0
    ? { max: maxInstances, failure: new InvalidState(`the plan allows at most ${maxInstances} instance${maxInstances === 1 ? '' : 's'} per subscription`) }
    : undefined;

  await withRetry(
    async () => {
      if (guardKey && (await instanceOfIdempotencyKey(guardKey))) return;
      const now = new Date();
      const fresh = await subscriptionNow(sub.subscriptionId);
      const item = newResourceInstanceItem({
          instanceId,
          providerOrgId: target.providerOrgId,
          customerOrgId: sub.customerOrgId,
          subscriptionId: sub.subscriptionId,
          serviceId: target.service.serviceId,
          environmentId: target.environment.environmentId,
          environmentType: target.environment.type,
          serviceApiId: target.serviceApi.serviceApiId,
          serviceModelId: target.model.serviceModelId,
          productTierId: tier.productTierId,
          resourceId: root.resource.resourceId,
          tierVersion: offered.tierVersion,
          cloudProvider: placement.cloudProvider,
          region: placement.region,
          ...(body.network_type ? { networkType: body.network_type } : {}),
          ...(body.custom_network_id ? { customNetworkId: body.custom_network_id } : {}),
          ...(body.externalBillingId ? { externalBillingId: body.externalBillingId } : {}),
          requestParams,
          resultParams: {},
          status: 'DEPLOYING',
          resources,
          createdByUserId: who.userId,
          createdByUserName: who.userName,
          ...(guardKey ? { idempotencyGuard: guardKey } : {}),
          ...(restore ? { restoredFrom: restore.restoredFrom } : {}),
          ...(backup ? { backup } : {}),
          statusMessage: 'create in progress',
          activeOperation: { operationId, action: 'create', startedAt: now.toISOString(), userId: who.userId, userName: who.userName },
          ...auditFacts(
            {
              providerOrgId: target.providerOrgId,
              customerOrgId: sub.customerOrgId,
              eventSource: caller.customer ? 'Customer' : 'Provider',
              eventType: restore ? 'InstanceRestoreRequested' : 'InstanceCreateRequested',
              message: restore
                ? `${who.userName} requested instance ${instanceId}, restored from ${restore.restoredFrom.snapshotId ?? restore.restoredFrom.instanceId} of instance ${restore.restoredFrom.instanceId}`
                : `${who.userName} requested instance ${instanceId} of ${root.resource.name} (version ${offered.tierVersion}, ${placement.cloudProvider} ${placement.region})`,
              userId: who.userId,
              userName: who.userName,
              serviceId: target.service.serviceId,
              environmentType: target.environment.type,
              productTierId: tier.productTierId,
              subscriptionId: sub.subscriptionId,
              resourceInstanceId: instanceId,
              resourceName: root.resource.name,
            },
            now,
          ),
        });
      const plan: TransactionPlan = {
        // With backups on, the instance's backup schedule (backups.ts) comes with it.
        puts: [{ item }, ...(backup ? [{ item: backupScheduleOnCreate(item, backup, item.createdAt) }] : [])],
        appends: [resourceInstanceEntry(item)],
        counters: [
          subscriptionInstanceCounter(sub.subscriptionId, 1, limit),
          versionSetInstanceCounter(versionSetKey(offered.serviceId, offered.productTierId, offered.seq), 1),
        ],
        guardsAdd: guardKey ? [instanceIdempotencyGuard(guardKey, instanceId)] : [],
        asserts: [],
      };
      await countFirstInstance(fresh, plan);
      await commit(plan);
    },
    { retryOn: (e) => e instanceof Conflict && (e.message === IDEMPOTENCY_KEY_TAKEN || e.message === ROOT_MARK_TAKEN) },
  );
  // A concurrent create with the same key won: its instance is the answer, and it started its own workflow.
  if (guardKey) {
    const holder = await instanceOfIdempotencyKey(guardKey);
    if (holder && holder !== instanceId) return { id: holder };
  }
  await startWorkflow(CREATE_WORKFLOW, {
    orgId: target.providerOrgId,
    executionName: operationId,
    subject: { instanceId },
    input: { instanceId, operationId },
  });
  return { id: instanceId };
}

async function subscriptionNow(subscriptionId: string): Promise<SubscriptionItem> {
  const sub = await getSubscription(subscriptionId);
  if (!sub) throw new NotFound('subscription');
  if (sub.status !== 'ACTIVE') throw new Forbidden(`subscription ${subscriptionId} is ${sub.status}`);
  return sub;
}

/**
 * The sole-root count of a subscription's first instance (see the module comment): with no instance yet and
 * exactly one root, the mark and the +1; with instances and a mark, the mark must still be there when this
 * commits (a concurrent last delete removing it makes this a retry that counts again).
 */
async function countFirstInstance(sub: SubscriptionItem, plan: TransactionPlan): Promise<void> {
  const mark = await getInstancedRootMark(sub.subscriptionId);
  if (mark) {
    plan.asserts!.push({ key: instancedRootMarkKey(sub.subscriptionId), equals: { userId: mark.userId }, failure: new Conflict(ROOT_MARK_TAKEN) });
    return;
  }
  if ((sub.instanceCount ?? 0) > 0) return;
  const roots = (await rolesOfSubscription(sub.subscriptionId)).filter((r) => r.roleType === 'root');
  if (roots.length !== 1) return;
  plan.guardsAdd!.push(instancedRootMark(sub.subscriptionId, roots[0].userId, roots[0].userOrgId));
  plan.counters!.push(soleRootCounter({ orgId: roots[0].userOrgId, userId: roots[0].userId }, 1));
}
