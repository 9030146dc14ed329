/**
 * Per-org limit overrides: `ORG#<orgId>` / `LIMIT#<family>#<key>` (entity `limitOverride`). An absent item
 * means the documented default (shared/domain/limit.ts); DeleteLimit removes the item. Usage that a limit
 * counts lives on the org item (`serviceCount` for services per org), moved in the transaction that adds or
 * removes what it counts. The bottom of the layers: imports only shared/data/* and shared/errors.ts.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Key, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import type { DomainError } from '#shared/errors.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';

export interface LimitOverrideItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'limitOverride';
  orgId: string;
  family: string;
  limitKey: string;
  value: number;
  /** '' when the org gave none (the catalogue's then shows). */
  name: string;
  description: string;
  updatedBy: string;
}

export const limitOverrideKey = (orgId: string, family: string, key: string): Key => keys.limitOverride(orgId, family, key);

/** The org's override of (family, key), or undefined (the default applies). Consistent: a decision reads it. */
export async function getLimitOverride(orgId: string, family: string, key: string): Promise<LimitOverrideItem | undefined> {
  const item = await getItem<LimitOverrideItem>(keys.limitOverride(orgId, family, key));
  return item && item.entity === 'limitOverride' && item.orgId === orgId ? item : undefined;
}

/** Every override of the org (bounded by the catalogue: one item per limit at most). */
export async function limitOverridesOf(orgId: string): Promise<LimitOverrideItem[]> {
  return (await queryAll<LimitOverrideItem>(keys.limitOverridesOfOrg(orgId))).filter((i) => i.entity === 'limitOverride' && i.orgId === orgId);
}

/** The usage counters a limit may count, as attributes of the org item. */
export interface OrgUsage {
  serviceCount?: number;
}

export type UsageAttribute = keyof OrgUsage;

/** The org item's usage counters and version (consistent), or undefined when the org is gone. */
export async function orgUsage(orgId: string): Promise<(OrgUsage & { version: number }) | undefined> {
  const org = await getItem<OrgUsage & Stored & { entity?: string }>(keys.org(orgId));
  return org && org.entity === 'org' ? org : undefined;
}

type Counter = NonNullable<TransactionPlan['counters']>[number];

/**
 * The org's `attribute` moved by `by` in the transaction that adds or removes what it counts; an addition
 * may not take it past `max` (the limit in force, read in the same attempt: the plan also fences that read,
 * see `limitFence`). The org must exist in `orgId`.
 */
export function orgUsageCounter(orgId: string, attribute: UsageAttribute, by: number, limit?: { max: number; failure: DomainError }): Counter {
  return { key: keys.org(orgId), add: { [attribute]: by }, entity: 'org', orgId, ...(by > 0 && limit ? { atMost: limit } : {}) };
}

/**
 * What keeps a limit read current until the write commits: the override's version when there is one, its
 * absence otherwise. A concurrent UpdateLimit or DeleteLimit then makes the write lose its race and decide again.
 */
export function limitFence(orgId: string, family: string, key: string, override: LimitOverrideItem | undefined): Pick<TransactionPlan, 'checks' | 'absent'> {
  return override ? { checks: [{ key: keys.limitOverride(orgId, family, key), version: override.version }] } : { absent: [keys.limitOverride(orgId, family, key)] };
}
