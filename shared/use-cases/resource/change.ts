/**
 * What the resource use cases share (not operations themselves): the read–decide–write of a change to one
 * resource, and its change record.
 */
import { advance, commit, withRetry } from '#shared/data/store.ts';
import { getResource, type ResourceItem } from '#shared/data/entities/resource.ts';
import { changeRecord, type ChangeItem, type ChangeKind } from '#shared/data/entities/change-record.ts';
import type { Caller } from '#shared/auth/caller.ts';

export function resourceChange(caller: Caller, r: ResourceItem, kind: ChangeKind, detail?: string): ChangeItem {
  return changeRecord({
    orgId: r.orgId,
    serviceId: r.serviceId,
    productTierId: r.productTierId,
    entity: 'resource',
    id: r.resourceId,
    resourceId: r.resourceId,
    kind,
    detail,
    by: caller.userId,
  });
}

/**
 * Applies `edit` (a domain rule) to the resource as read and writes the result conditional on the version read,
 * with its change record; retried from a fresh read on a lost race. `edit` answers undefined for "no change".
 * What `edit` leaves out of the item (a deregistered metrics config) is gone.
 */
export function changeResource(
  caller: Caller,
  serviceId: string,
  id: string,
  detail: string,
  edit: (current: ResourceItem) => ResourceItem | undefined,
  kind: ChangeKind = 'UPDATE',
): Promise<void> {
  return withRetry(async () => {
    const current = await getResource(caller.orgId, serviceId, id);
    const edited = edit(current);
    if (!edited) return;
    const next = advance(current, edited);
    await commit({ puts: [{ item: next, expectVersion: current.version }], appends: [resourceChange(caller, next, kind, detail)] });
  });
}
