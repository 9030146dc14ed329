/**
 * Metering (docs/operations.md, "Metering"): the meter item of an instance (its RUNNING intervals, with the
 * figures each interval counts at), the usage records the metering job writes, one per (instance, period),
 * the sums of those records per scope and grain it writes with them, and the job's cursor.
 */
import { keys, METER_SHARDS, shardOf, USAGE_SUM_SHARDS } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, type Stored } from '#shared/data/store.ts';

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
}

/** The figures a usage record, and every sum of records, carries. */
export type UsageFigures = Pick<UsageRecordItem, 'runningHours' | 'cpuCoreHours' | 'memoryGiBHours' | 'storageGiBHours' | 'replicaHours'>;

/**
 * Whose usage a sum is: one subscription, a customer org's subscriptions to one provider, or all of a
 * provider's subscriptions (every customer's, which is also the provider org's own usage of this control plane).
 */
export type UsageScope =
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'customer'; customerOrgId: string; providerOrgId: string }
  | { kind: 'provider'; providerOrgId: string };

/** A metering period (`P`), a UTC day (`D`), a UTC month (`M`). */
export type UsageGrain = 'P' | 'D' | 'M';

export function usageScopeKey(scope: UsageScope): string {
  switch (scope.kind) {
    case 'subscription':
      return `SUB#${scope.subscriptionId}`;
    case 'customer':
      return `CUST#${scope.providerOrgId}#${scope.customerOrgId}`;
    case 'provider':
      return `PROV#${scope.providerOrgId}`;
  }
}

/** The sum of the usage records of one scope whose period starts in [start, end). */
export interface UsageSumItem extends Stored, UsageFigures {
  entity: 'usageSum';
  scope: UsageScope;
  grain: UsageGrain;
  start: string;
  end: string;
  /** How many usage records it sums. */
  records: number;
  /** A subscription's sums carry who it belongs to (the export and month-close jobs read them from the listing). */
  providerOrgId: string;
  customerOrgId?: string;
  serviceId?: string;
  productTierId?: string;
  /** Subscription day and month sums only: listed by day / month (keys.usageSumListing). */
  gsi1pk?: string;
  gsi1sk?: string;
}

export interface MeteringCursorItem extends Stored {
  entity: 'meteringCursor';
  /** The end of the last period metered (ISO). */
  meteredUntil: string;
  /** The period the job meters in (METERING_PERIOD_MINUTES of the stack that ran it): commands run elsewhere read it here. */
  periodMinutes?: number;
}

export const meterShard = (instanceId: string): number => shardOf(instanceId, METER_SHARDS);

export const getMeteredInstance = (instanceId: string) => getItem<MeteredInstanceItem>(keys.meteredInstance(instanceId));
export const getMeteringCursor = () => getItem<MeteringCursorItem>(keys.meteringCursor());

/** Every metered instance (all shards): the instances that ran within the backfill window. */
export async function meteredInstances(): Promise<MeteredInstanceItem[]> {
  const shards = await Promise.all(Array.from({ length: METER_SHARDS }, (_, i) => queryAll<MeteredInstanceItem>(keys.meteredInstancesOfShard(i))));
  return shards.flat().filter((i) => i.entity === 'meteredInstance');
}

/** The usage records of a subscription whose period starts in [from, to). */
export async function usageOfSubscription(subscriptionId: string, from: string, to: string): Promise<UsageRecordItem[]> {
  const items = await queryAll<UsageRecordItem>(keys.usageOfSubscription(subscriptionId, from, to));
  return items.filter((r) => r.entity === 'usageRecord' && r.periodStart < to);
}

export const usageSumShard = (subscriptionId: string): number => shardOf(subscriptionId, USAGE_SUM_SHARDS);

export const getUsageSum = (scope: UsageScope, grain: UsageGrain, start: string) => getItem<UsageSumItem>(keys.usageSum(usageScopeKey(scope), grain, start));

/**
 * The sums of one scope and grain starting in [from, to), oldest first. Bounded by the window: a read answers
 * at most 31 days, so at most 31 day sums, or one day's periods (1,440 at the shortest period).
 */
export async function usageSumsOf(scope: UsageScope, grain: UsageGrain, from: string, to: string): Promise<UsageSumItem[]> {
  const items = await queryAll<UsageSumItem>(keys.usageSumsOf(usageScopeKey(scope), grain, from, to));
  return items.filter((s) => s.entity === 'usageSum' && s.start < to);
}

/**
 * Every subscription's sum for one day (`D`, start of the UTC day) or month (`M`, start of the UTC month), a
 * page at a time (a job's read: as many pages as subscriptions had usage, never held all at once).
 */
export async function* subscriptionSumsListed(grain: 'D' | 'M', start: string): AsyncGenerator<UsageSumItem[]> {
  for (let shard = 0; shard < USAGE_SUM_SHARDS; shard++) {
    let pageToken: string | undefined;
    do {
      const page = await queryPage<UsageSumItem>({ ...keys.usageSumsListed(grain, start, shard), limit: 100, pageToken });
      yield page.items.filter((s) => s.entity === 'usageSum');
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
}
