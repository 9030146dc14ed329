/**
 * A service API: `API#<id>` in its service's partition, at most one per environment.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';

export interface ServiceApiItem extends Stored {
  entity: 'serviceApi';
  orgId: string;
  serviceId: string;
  serviceApiId: string;
  environmentId: string;
  apiVersion: string;
  description: string;
  deprecated: boolean;
}

/** A service API of the service in the path, in the caller's org, or 404. */
export async function getServiceApi(orgId: string, serviceId: string, serviceApiId: string): Promise<ServiceApiItem> {
  const item = await getItem<ServiceApiItem>(keys.serviceApi(serviceId, serviceApiId));
  if (!item || item.entity !== 'serviceApi' || item.orgId !== orgId) throw new NotFound('service API');
  return item;
}

/** The parent touch of a child of the service API (its service models). */
export function serviceApiTouch(orgId: string, serviceId: string, serviceApiId: string): Touch {
  return { key: keys.serviceApi(serviceId, serviceApiId), orgId, entity: 'service API' };
}
