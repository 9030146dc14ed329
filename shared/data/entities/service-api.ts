/**
 * A service API: `API#<id>` in its service's partition, at most one per environment (the
 * `UNIQUE#APIENV#<environmentId>#api` guard, holding `serviceApiId`). It counts its models
 * (`serviceModelCount`), which decides DeleteServiceAPI and bounds ListServiceModel.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, stamp, type Guard, type Key, type Stored, type Touch, type TransactionPlan } from '#shared/data/store.ts';
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
  /** Models under the API: +1 by CreateServiceModel/CopyServiceModel, −1 by DeleteServiceModel. */
  serviceModelCount?: number;
}

export type NewServiceApi = Omit<ServiceApiItem, keyof Stored | 'entity' | 'serviceModelCount'>;

/** A new API item, keyed and stamped (version 1), with no models yet. */
export function newServiceApiItem(fields: NewServiceApi): ServiceApiItem {
  return stamp({ ...keys.serviceApi(fields.serviceId, fields.serviceApiId), entity: 'serviceApi' as const, ...fields, serviceModelCount: 0 });
}

/** A service API of the service in the path, in the caller's org, or 404. */
export async function getServiceApi(orgId: string, serviceId: string, serviceApiId: string): Promise<ServiceApiItem> {
  const item = await getItem<ServiceApiItem>(keys.serviceApi(serviceId, serviceApiId));
  if (!item || item.entity !== 'serviceApi' || item.orgId !== orgId) throw new NotFound('service API');
  return item;
}

/** Models the API holds (0 for an API written before the counter existed and never given a model since). */
export const serviceModelCountOf = (api: ServiceApiItem): number => api.serviceModelCount ?? 0;

/** The per-environment guard: a second API in the environment is a 409. Holds the API's id. */
export function serviceApiOfEnvironmentGuard(api: Pick<ServiceApiItem, 'serviceId' | 'environmentId' | 'serviceApiId'>): Guard {
  return {
    key: keys.serviceApiOfEnvironmentGuard(api.serviceId, api.environmentId),
    conflict: 'this environment already has a service API',
    attributes: { serviceApiId: api.serviceApiId, value: api.environmentId },
  };
}

/** The id of the environment's service API, if it has one (one consistent GetItem of its guard). */
export async function serviceApiIdOfEnvironment(serviceId: string, environmentId: string): Promise<string | undefined> {
  const guard = await getItem<{ serviceApiId?: string }>(keys.serviceApiOfEnvironmentGuard(serviceId, environmentId));
  return guard?.serviceApiId;
}

/** The parent touch of a child of the service API. */
export function serviceApiTouch(orgId: string, serviceId: string, serviceApiId: string): Touch {
  return { key: keys.serviceApi(serviceId, serviceApiId), orgId, entity: 'service API' };
}

/** A model leaving the API (DeleteServiceModel): its count goes down; the API must still be the org's. */
export function serviceModelLeaves(orgId: string, serviceId: string, serviceApiId: string): NonNullable<TransactionPlan['counters']>[number] {
  return { key: keys.serviceApi(serviceId, serviceApiId), add: { serviceModelCount: -1 }, entity: 'service API', orgId };
}

export const serviceApiKey = (api: Pick<ServiceApiItem, 'serviceId' | 'serviceApiId'>): Key => keys.serviceApi(api.serviceId, api.serviceApiId);
