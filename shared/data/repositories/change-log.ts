/**
 * The definition change log of a product tier: one record per change to a resource, parameter or file,
 * written in the same transaction as the change itself, so the log cannot miss or invent a change. The
 * release/versioning issue reads it (one Query on `CHANGE#<productTierId>#`) to compute pending change sets
 * (PENDING_NEW / PENDING_UPDATE / PENDING_DELETE / PENDING_DEPRECATE) since the last release.
 */
import { randomBytes } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import { queryAll, type Stored } from '#shared/data/store.ts';

export type ChangeKind = 'NEW' | 'UPDATE' | 'DELETE' | 'DEPRECATE';
export type ChangedEntity = 'resource' | 'inputParameter' | 'outputParameter' | 'file';

export interface ChangeInput {
  orgId: string;
  serviceId: string;
  productTierId: string;
  entity: ChangedEntity;
  /** Id of the changed entity. */
  id: string;
  /** The resource the change belongs to (the resource itself for resource changes). */
  resourceId: string;
  kind: ChangeKind;
  /** Which part changed, for updates: e.g. `actionHook`, `capability`, `environmentVariables`. */
  detail?: string;
  /** userId of the caller. */
  by: string;
}

export interface ChangeItem extends Stored, Omit<ChangeInput, 'entity' | 'id'> {
  entity: 'change';
  changedEntity: ChangedEntity;
  changedId: string;
  at: string;
}

/** A change record, to append to the transaction of the change (`appends` of the plan). */
export function changeRecord(c: ChangeInput): ChangeItem {
  const at = new Date().toISOString();
  // The random suffix keeps two changes in the same millisecond apart while the sort key stays time-ordered.
  const key = keys.changeRecord(c.serviceId, c.productTierId, at, randomBytes(4).toString('hex'));
  const { entity, id, ...rest } = c;
  const item: ChangeItem = {
    ...key,
    ...rest,
    entity: 'change',
    changedEntity: entity,
    changedId: id,
    at,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (item.detail === undefined) delete item.detail;
  return item;
}

/** A tier's change records, oldest first. */
export function changesOfTier(serviceId: string, productTierId: string): Promise<ChangeItem[]> {
  return queryAll<ChangeItem>(keys.changesOfTier(serviceId, productTierId));
}
