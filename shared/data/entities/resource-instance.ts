/**
 * Resource instances: a customer's deployment of one released plan (docs/data-model.md "Resource instances").
 *
 * - `INST#<instanceId>` / `INST`: the instance (one GetItem by id). Listed on gsi1 under the customer org and on
 *   gsi2 under the provider org, both keyed `<environmentType>#<createdAt>#<id>` (a prefix per environment type,
 *   newest first read descending).
 * - `INSTOF#<productTierId>#<resourceId>` / `<subscriptionId>#<createdAt>#<id>`: the listing entry of the plan
 *   resource the instance was created at (ListResourceInstances), written and removed with the instance.
 * - `ORG#<customerOrgId>` / `INSTIDEM#<userId>#<sha256>`: a create's Idempotency-Key, holding the instance id;
 *   released with the instance.
 * - `SUB#<subscriptionId>` / `INSTROOT`: which root `soleRootOfInstancedSubscriptions` counted for the
 *   subscription while it has instances.
 *
 * The item holds one state per resource of the plan version (bounded by MAX_INSTANCE_RESOURCES, so the item
 * stays far below 400 KB). The bottom of the layers: imports only shared/data/*, shared/errors.ts and types.
 */
import { createHash } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import { getItem, queryPage, stamp, type Guard, type Key, type Page, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import type { DomainError } from '#shared/errors.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';
import type { DriverOutcome } from '#shared/drivers/driver.ts';

export type InstanceStatus = 'DEPLOYING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'FAILED' | 'DELETING';
export type ResourceStatus = 'PENDING' | 'DEPLOYING' | 'RUNNING' | 'STOPPED' | 'FAILED' | 'DELETING' | 'DELETED';

/** Resources one instance may hold (the plan version's resources): keeps the item and a workflow's input small. */
export const MAX_INSTANCE_RESOURCES = 50;

/** One per resource of the plan version, keyed by resourceId. */
export interface InstanceResourceState {
  resourceId: string;
  resourceKey: string;
  name: string;
  status: ResourceStatus;
  /** From the resource's definition/capabilities. */
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  multiZone: boolean;
  outputs: Record<string, string>;
  endpoints: NonNullable<DriverOutcome['endpoints']>;
  nodes: NonNullable<DriverOutcome['nodes']>;
  customDNS?: { dnsName: string; targetPort?: number };
  failureReason?: string;
}

/** The long operation running on an instance (one at a time): its id is the workflow execution's name. */
export interface InstanceOperation {
  operationId: string;
  action: string;
  startedAt: string;
  userId: string;
  userName: string;
}

/** A resource's backup policy: its `backupConfiguration` capability. */
export interface BackupPolicy {
  periodHours: number;
  retentionDays: number;
}

/** What the instance item carries (`backup`): its policy, and what its snapshots make of it. */
export interface InstanceBackup extends BackupPolicy {
  lastBackupTime?: string;
  earliestRestoreTime?: string;
}

export interface ResourceInstanceItem extends Stored {
  entity: 'resourceInstance';
  /** `instance-` + DNS-safe lower case. */
  instanceId: string;
  providerOrgId: string;
  customerOrgId: string;
  subscriptionId: string;
  serviceId: string;
  environmentId: string;
  environmentType: string;
  serviceApiId: string;
  serviceModelId: string;
  productTierId: string;
  /** The resource of the path it was created at. */
  resourceId: string;
  /** The version set it runs. */
  tierVersion: string;
  cloudProvider: string;
  region: string;
  networkType?: string;
  customNetworkId?: string;
  externalBillingId?: string;
  /** Validated, defaults filled. */
  requestParams: Record<string, unknown>;
  resultParams: Record<string, unknown>;
  status: InstanceStatus;
  statusMessage?: string;
  failureReason?: string;
  /** Set while a workflow runs on it; one at a time. */
  activeOperation?: InstanceOperation;
  resources: Record<string, InstanceResourceState>;
  createdByUserId: string;
  createdByUserName: string;
  restoredFrom?: { instanceId: string; snapshotId?: string; targetRestoreTime?: string };
  /** Backups (the path resource's backupConfiguration), and the times its snapshots give (instance-snapshot.ts). */
  backup?: InstanceBackup;
  /** The idempotency guard of the create that made it (released with the instance). */
  idempotencyGuard?: Key;
  lastEvent?: AuditFacts;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

/** The listing entry of ListResourceInstances. */
export interface ResourceInstanceEntryItem extends Key {
  entity: 'resourceInstanceEntry';
  instanceId: string;
  subscriptionId: string;
}

export type NewResourceInstance = Omit<ResourceInstanceItem, keyof Stored | 'entity' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>;

export const resourceInstanceKey = (instanceId: string): Key => keys.resourceInstance(instanceId);

/** A new instance item with its listings (stamped now). */
export function newResourceInstanceItem(fields: NewResourceInstance): ResourceInstanceItem {
  const item = stamp({ ...keys.resourceInstance(fields.instanceId), entity: 'resourceInstance' as const, ...fields });
  return {
    ...item,
    ...keys.customerInstanceListing(fields.customerOrgId, fields.environmentType, item.createdAt, fields.instanceId),
    ...keys.providerInstanceListing(fields.providerOrgId, fields.environmentType, item.createdAt, fields.instanceId),
  };
}

/** The plan resource's listing entry of an instance (put with it, deleted with it). */
export function resourceInstanceEntry(item: Pick<ResourceInstanceItem, 'productTierId' | 'resourceId' | 'subscriptionId' | 'createdAt' | 'instanceId'>): ResourceInstanceEntryItem {
  return {
    ...keys.resourceInstanceEntry(item.productTierId, item.resourceId, item.subscriptionId, item.createdAt, item.instanceId),
    entity: 'resourceInstanceEntry',
    instanceId: item.instanceId,
    subscriptionId: item.subscriptionId,
  };
}

// -------------------------------------------------------------------------------------------- reads

/** The instance by id (one consistent GetItem), or undefined; tenancy is the caller's to check. */
export async function getResourceInstance(instanceId: string): Promise<ResourceInstanceItem | undefined> {
  const item = await getItem<ResourceInstanceItem>(keys.resourceInstance(instanceId));
  return item?.entity === 'resourceInstance' ? item : undefined;
}

/** One page of a customer org's instances (of one environment type), newest first. */
export function instancesOfCustomerPage(customerOrgId: string, environmentType: string | undefined, limit?: number, pageToken?: string): Promise<Page<ResourceInstanceItem>> {
  return queryPage<ResourceInstanceItem>({ ...keys.instancesOfCustomer(customerOrgId, environmentType), limit, pageToken, descending: true });
}

/** One page of a provider org's instances (of one environment type, or all grouped by type), newest first. */
export function instancesOfProviderPage(providerOrgId: string, environmentType: string | undefined, limit?: number, pageToken?: string): Promise<Page<ResourceInstanceItem>> {
  return queryPage<ResourceInstanceItem>({ ...keys.instancesOfProvider(providerOrgId, environmentType), limit, pageToken, descending: true });
}

/** One page of the listing entries of a plan resource (one subscription's, or all), newest first per subscription. */
export function instancesOfResourcePage(productTierId: string, resourceId: string, subscriptionId: string | undefined, limit?: number, pageToken?: string): Promise<Page<ResourceInstanceEntryItem>> {
  return queryPage<ResourceInstanceEntryItem>({ ...keys.instancesOfResource(productTierId, resourceId, subscriptionId), limit, pageToken, descending: true });
}

/** The resource id a tier's resource key names (its key guard), or undefined. */
export async function resourceIdByKey(serviceId: string, productTierId: string, resourceKey: string): Promise<string | undefined> {
  return (await getItem<{ resourceId?: string }>(keys.resourceKeyGuard(serviceId, productTierId, resourceKey)))?.resourceId;
}

// ----------------------------------------------------------------------------- idempotency and counts

/** The digest an Idempotency-Key header is kept under (any bytes, bounded key). */
export const idempotencyDigest = (key: string): string => createHash('sha256').update(key).digest('base64url');

export function instanceIdempotencyGuardKey(customerOrgId: string, userId: string, idempotencyKey: string): Key {
  return keys.instanceIdempotencyGuard(customerOrgId, userId, idempotencyDigest(idempotencyKey));
}

export const IDEMPOTENCY_KEY_TAKEN = 'this Idempotency-Key was just used by a concurrent create';

/** The create's idempotency guard: holds the instance id (`instanceId`). */
export function instanceIdempotencyGuard(key: Key, instanceId: string): { guard: Guard; owner: Key } {
  return { guard: { key, conflict: IDEMPOTENCY_KEY_TAKEN, attributes: { instanceId } }, owner: keys.resourceInstance(instanceId) };
}

export const customDnsGuardKey = (dnsName: string): Key => keys.customDnsGuard(dnsName);

/** A custom DNS name held for an instance from the request that adds it until it is removed or the instance is gone. */
export function customDnsGuard(dnsName: string, instanceId: string): { guard: Guard; owner: Key } {
  return { guard: { key: keys.customDnsGuard(dnsName), conflict: `custom DNS ${dnsName} is in use by another instance`, attributes: { instanceId } }, owner: keys.resourceInstance(instanceId) };
}

/** The custom DNS names an instance's resources hold. */
export const customDnsGuardsOf = (item: Pick<ResourceInstanceItem, 'resources'>): Key[] =>
  Object.values(item.resources ?? {}).flatMap((r) => (r.customDNS?.dnsName ? [keys.customDnsGuard(r.customDNS.dnsName)] : []));

/** The instance an Idempotency-Key guard holds, if any. */
export async function instanceOfIdempotencyKey(key: Key): Promise<string | undefined> {
  return (await getItem<{ instanceId?: string }>(key))?.instanceId;
}

export const instancedRootMarkKey = (subscriptionId: string): Key => keys.instancedSubscriptionRootMark(subscriptionId);

export const ROOT_MARK_TAKEN = 'the subscription got its first instance concurrently';

/** The mark of which root the subscription's instances counted on (written with its first instance). */
export function instancedRootMark(subscriptionId: string, userId: string, userOrgId: string): { guard: Guard; owner: Key } {
  return { guard: { key: keys.instancedSubscriptionRootMark(subscriptionId), conflict: ROOT_MARK_TAKEN, attributes: { userId, userOrgId } }, owner: keys.subscription(subscriptionId) };
}

export async function getInstancedRootMark(subscriptionId: string): Promise<{ userId: string; userOrgId: string } | undefined> {
  const item = await getItem<{ userId?: string; userOrgId?: string }>(keys.instancedSubscriptionRootMark(subscriptionId));
  return item?.userId && item.userOrgId ? { userId: item.userId, userOrgId: item.userOrgId } : undefined;
}

type Counter = NonNullable<TransactionPlan['counters']>[number];

/** The subscription's `instanceCount` moves by `by`; with `max`, a create may not pass it (the plan's limit). */
export function subscriptionInstanceCounter(subscriptionId: string, by: number, limit?: { max: number; failure: DomainError }): Counter {
  return { key: keys.subscription(subscriptionId), add: { instanceCount: by }, entity: 'subscription', ...(by > 0 && limit ? { atMost: limit } : {}) };
}

/** The version set's `instanceCount` moves by `by`. */
export function versionSetInstanceCounter(versionSetKey: Key, by: number): Counter {
  return { key: versionSetKey, add: { instanceCount: by }, entity: 'version set' };
}
