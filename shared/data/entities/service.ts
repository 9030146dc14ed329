/**
 * The service item: the root of a provider's definition tree (partition `SVC#<serviceId>`).
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';

export interface ServiceItem extends Stored {
  entity: 'service';
  serviceId: string;
  orgId: string;
  name: string;
  key: string;
  description: string;
  serviceLogoURL: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** A service of the caller's org, or 404 (another org's service looks exactly like a missing one). */
export async function getService(orgId: string, serviceId: string): Promise<ServiceItem> {
  const item = await getItem<ServiceItem>(keys.service(serviceId));
  if (!item || item.orgId !== orgId) throw new NotFound('service');
  return item;
}

/**
 * The parent touch of any child create/delete/move in the service's tree: the service must still exist in
 * the caller's org, and its version moves, so a concurrent DeleteService (conditional on the version it
 * read) cannot miss the child.
 */
export function serviceTouch(orgId: string, serviceId: string): Touch {
  return { key: keys.service(serviceId), orgId, entity: 'service' };
}
