/**
 * DescribeResourceInstance, ListResourceInstances, ListAllResourceInstances and DeleteResourceInstance.
 *
 * Lists are Queries of one listing each, paged by a signed token (the contract's results carry
 * `nextPageToken`; their queries have no page parameters, so ours accept `nextPageToken`/`pageSize` besides):
 * - ListResourceInstances: the plan resource's listing entries — the customer's subscription's prefix, or for
 *   the provider all of them (or one `subscriptionId`'s).
 * - ListAllResourceInstances: a customer's own org's listing (gsi1) in its portal's environment type, a
 *   provider's org listing (gsi2), both narrowed by `environmentType` as a key prefix: one Query per page,
 *   whatever else the table holds (what a portal polling every few seconds needs).
 */
import type { Caller } from '#shared/auth/caller.ts';
import { commit, advance, withRetry } from '#shared/data/store.ts';
import { instanceFacts } from '#shared/use-cases/resource-instance/events.ts';
import { getSubscription } from '#shared/data/entities/subscription.ts';
import { instancesOfCustomerPage, instancesOfProviderPage, instancesOfResourcePage, getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { beginOperation, resourceInstanceView, type ResourceInstanceView } from '#shared/domain/resource-instance.ts';
import { NotFound } from '#shared/errors.ts';
import { startWorkflow } from '#shared/workflows/start.ts';
import { actingUser } from '#shared/use-cases/subscription/common.ts';
import { INSTANCE_NOT_FOUND, instanceOfCaller, instanceTarget, type PlanKeys } from '#shared/use-cases/resource-instance/path.ts';

export const DELETE_WORKFLOW = 'delete-resource-instance';

type InstancePath = PlanKeys & { resourceKey: string };
type PageQuery = { nextPageToken?: string; pageSize?: number };

/** Views with each subscription's status, read once per distinct subscription. */
async function views(items: ResourceInstanceItem[]): Promise<ResourceInstanceView[]> {
  const ids = [...new Set(items.map((i) => i.subscriptionId))];
  const subs = await Promise.all(ids.map((id) => getSubscription(id)));
  const status = new Map(ids.map((id, i) => [id, subs[i]?.status ?? 'TERMINATED']));
  return items.map((i) => resourceInstanceView(i, { subscriptionStatus: status.get(i.subscriptionId) }));
}

export async function describeResourceInstance(caller: Caller, params: InstancePath, query: { subscriptionId?: string }, id: string): Promise<ResourceInstanceView> {
  const { item } = await instanceOfCaller(caller, params, query, id);
  return (await views([item]))[0]!;
}

export async function listResourceInstances(caller: Caller, params: InstancePath, query: { subscriptionId?: string } & PageQuery): Promise<{ ids: string[]; nextPageToken?: string }> {
  const target = await instanceTarget(caller, params, query);
  const subscriptionId = caller.customer ? target.subscription!.subscriptionId : query.subscriptionId;
  const page = await instancesOfResourcePage(target.productTierId, target.resource.resourceId, subscriptionId, query.pageSize, query.nextPageToken);
  return { ids: page.items.filter((e) => e.entity === 'resourceInstanceEntry').map((e) => e.instanceId), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
}

export async function listAllResourceInstances(caller: Caller, query: { environmentType?: string } & PageQuery): Promise<{ resourceInstances: ResourceInstanceView[]; nextPageToken?: string }> {
  const wanted = query.environmentType?.trim().toUpperCase() || undefined;
  let page;
  if (caller.customer) {
    if (wanted && wanted !== caller.customer.environmentType) return { resourceInstances: [] };
    page = await instancesOfCustomerPage(caller.orgId, caller.customer.environmentType, query.pageSize, query.nextPageToken);
  } else {
    page = await instancesOfProviderPage(caller.orgId, wanted, query.pageSize, query.nextPageToken);
  }
  const items = page.items.filter((i) => i.entity === 'resourceInstance' && (!caller.customer || i.providerOrgId === caller.customer.providerOrgId));
  return { resourceInstances: await views(items), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
}

/** DELETING now (409 unless RUNNING, STOPPED or FAILED), then the workflow removes it. */
export async function deleteResourceInstance(caller: Caller, params: InstancePath, query: { subscriptionId?: string }, id: string): Promise<void> {
  await instanceOfCaller(caller, params, query, id, { write: true });
  const who = await actingUser(caller);
  const started = await withRetry(async () => {
    const item = await getResourceInstance(id);
    if (!item) throw new NotFound(INSTANCE_NOT_FOUND);
    const now = new Date();
    const next = beginOperation(item, 'delete', who, now);
    const written = advance(item, {
      ...next,
      ...instanceFacts(
        item,
        {
          eventSource: caller.customer ? 'Customer' : 'Provider',
          eventType: 'InstanceDeleteRequested',
          message: `${who.userName} asked to delete instance ${item.instanceId}`,
          userId: who.userId,
          userName: who.userName,
        },
        now,
      ),
    });
    await commit({ puts: [{ item: written, expectVersion: item.version }] });
    return written;
  });
  const operationId = started.activeOperation!.operationId;
  await startWorkflow(DELETE_WORKFLOW, { orgId: started.providerOrgId, executionName: operationId, subject: { instanceId: id }, input: { instanceId: id, operationId } });
}
