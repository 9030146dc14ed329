/**
 * Metering (docs/operations.md, "Metering"): the meter item of an instance (its RUNNING intervals, with the
 * figures each interval counts at), the usage records the metering job writes, one per (instance, period),
 * and the job's cursor.
 */
import { keys, METER_SHARDS } from '#shared/data/keys.ts';
import { getItem, queryAll, type Stored } from '#shared/data/store.ts';

/** What an instance counts per hour while it runs (docs/operations.md, "Metering": where each figure comes from). */
export interface MeterFigures {
  replicas: number;
  cpuCores: number;
  memoryGiB: number;
  storageGiB: number;
}

/** One stretch of RUNNING: from `from` until `to` (absent while it still runs). */
export interface RunningInterval extends MeterFigures {
  from: string;
  to?: string;
}

export interface MeteredInstanceItem extends Stored {
  entity: 'meteredInstance';
  instanceId: string;
  providerOrgId: string;
  customerOrgId: string;
  subscriptionId: string;
  serviceId: string;
  productTierId: string;
  /** Oldest first; intervals that ended before the backfill window are dropped. */
  intervals: RunningInterval[];
  /** When the instance was deleted: the item leaves the listing once the backfill window has passed. */
  removedAt?: string;
  gsi1pk: string;
  gsi1sk: string;
}

export interface UsageRecordItem extends Stored {
  entity: 'usageRecord';
  instanceId: string;
  subscriptionId: string;
  providerOrgId: string;
  customerOrgId: string;
  serviceId: string;
  productTierId: string;
  periodStart: string;
  periodEnd: string;
  /** The UTC day of the period (YYYY-MM-DD). */
  day: string;
  /** Hours the instance was RUNNING within the period. */
  runningHours: number;
  cpuCoreHours: number;
  memoryGiBHours: number;
  storageGiBHours: number;
  replicaHours: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export interface MeteringCursorItem extends Stored {
  entity: 'meteringCursor';
  /** The end of the last period metered (ISO). */
  meteredUntil: string;
}

export function meterShard(instanceId: string): number {
  let h = 0;
  for (const c of instanceId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % METER_SHARDS;
}

export const getMeteredInstance = (instanceId: string) => getItem<MeteredInstanceItem>(keys.meteredInstance(instanceId));
export const getMeteringCursor = () => getItem<MeteringCursorItem>(keys.meteringCursor());

/** Every metered instance (all shards): the instances that ran within the backfill window. */
export async function meteredInstances(): Promise<MeteredInstanceItem[]> {
  const shards = await Promise.all(Array.from({ length: METER_SHARDS }, (_, i) => queryAll<MeteredInstanceItem>(keys.meteredInstancesOfShard(i))));
  return shards.flat().filter((i) => i.entity === 'meteredInstance');
}

export const usageOfSubscription = (subscriptionId: string, from: string, to: string) => queryAll<UsageRecordItem>(keys.usageOfSubscription(subscriptionId, from, to));
export const usageOfProvider = (providerOrgId: string, from: string, to: string) => queryAll<UsageRecordItem>(keys.usageOfProvider(providerOrgId, from, to));
export const usageOfCustomer = (customerOrgId: string, from: string, to: string) => queryAll<UsageRecordItem>(keys.usageOfCustomer(customerOrgId, from, to));
