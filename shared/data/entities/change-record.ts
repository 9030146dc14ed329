/**
 * The definition change log of a product tier: `CHANGE#<productTierId>#<time>#<rand>` in the service partition,
 * one record per change to a resource, parameter or file, appended in the same transaction as the change (so
 * the log cannot miss or invent one). The release issue reads it (one Query on the tier's prefix) to compute
 * pending change sets since the last release.
 */
import { randomBytes } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import { queryAll, type Stored } from '#shared/data/store.ts';

export type ChangeKind = 'NEW' | 'UPDATE' | 'DELETE' | 'DEPRECATE';
export type ChangedEntity = 'productTier' | 'resource' | 'inputParameter' | 'outputParameter' | 'file';

export interface ChangeInput {
  orgId: string;
  serviceId: string;
  productTierId: string;
  entity: ChangedEntity;
  /** Id of the changed entity. */
  id: string;
  /** The resource the change belongs to (the resource itself for resource changes; '' for the plan's own settings). */
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

/** A change record, for the `appends` of the change's plan. */
export function changeRecord(c: ChangeInput): ChangeItem {
  const at = new Date().toISOString();
  // The random suffix keeps two changes in the same millisecond apart while the sort key stays time-ordered.
  const key = keys.changeRecord(c.serviceId, c.productTierId, at, randomBytes(4).toString('hex'));
  const { entity, id, detail, ...rest } = c;
  return {
    ...key,
    ...rest,
    ...(detail !== undefined ? { detail } : {}),
    entity: 'change',
    changedEntity: entity,
    changedId: id,
    at,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A tier's change records, oldest first. */
export function changesOfTier(serviceId: string, productTierId: string): Promise<ChangeItem[]> {
  return queryAll<ChangeItem>(keys.changesOfTier(serviceId, productTierId));
}
