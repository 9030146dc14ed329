/**
 * Use cases of limit-api (ListLimit, DescribeLimit, UpdateLimit, DeleteLimit) and `limitOf`, what other use
 * cases call to enforce a limit. Limits are per org, by family and key; the catalogue and its defaults are in
 * shared/domain/limit.ts (docs/limits.md, "Org limits"); an org's own values are override items.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import { auditFacts, auditMarker, type AuditEventInput } from '#shared/data/entities/audit-event.ts';
import { orgKey } from '#shared/data/entities/org.ts';
import {
  getLimitOverride,
  limitFence,
  limitOverrideKey,
  limitOverridesOf,
  orgUsage,
  type LimitOverrideItem,
  type UsageAttribute,
} from '#shared/data/entities/limit.ts';
import { checkLimitChange, effectiveValue, limitDefinition, limitsOfFamily, limitView, type LimitDefinition, type LimitUsage } from '#shared/domain/limit.ts';

type Who = Pick<Caller, 'orgId' | 'userId' | 'email'>;

/** Where each counted usage lives on the org item. */
const USAGE_ATTRIBUTE: Record<LimitUsage, UsageAttribute> = { servicesOfOrg: 'serviceCount' };

/** The value of (family, key) in force for the org: its own, else the documented default. 404 for an unknown limit. */
export async function limitOf(orgId: string, family: string, key: string): Promise<number> {
  const def = limitDefinition(family, key);
  return effectiveValue(def, await getLimitOverride(orgId, def.family, def.key));
}

/**
 * A limit read for a create that it bounds: the value, and the plan part (`checks` / `absent`) that keeps the
 * read current until the create commits — put it in the create's plan beside its usage counter.
 */
export async function limitForWrite(orgId: string, family: string, key: string): Promise<{ def: LimitDefinition; value: number; fence: Pick<TransactionPlan, 'checks' | 'absent'> }> {
  const def = limitDefinition(family, key);
  const override = await getLimitOverride(orgId, def.family, def.key);
  return { def, value: effectiveValue(def, override), fence: limitFence(orgId, def.family, def.key, override) };
}

/** ListLimit: the keys of a family (every family's `<family>/<key>` when none is named). Complete: the catalogue is small. */
export async function listLimit(_caller: Who, family: string | undefined): Promise<{ keys: string[] }> {
  const named = family !== undefined && family.trim() !== '';
  return { keys: limitsOfFamily(family).map((l) => (named ? l.key : `${l.family}/${l.key}`)) };
}

/** DescribeLimit: one GetItem of the override. */
export async function describeLimit(caller: Who, family: string, key: string) {
  const def = limitDefinition(family, key);
  return limitView(def, await getLimitOverride(caller.orgId, def.family, def.key));
}

/** Every limit of the org with its value in force (one Query of the overrides). */
export async function limitsOfOrg(orgId: string) {
  const overrides = new Map((await limitOverridesOf(orgId)).map((o) => [`${o.family}/${o.limitKey}`, o]));
  return limitsOfFamily(undefined).map((def) => limitView(def, overrides.get(`${def.family}/${def.key}`)));
}

const audit = (caller: Who, eventType: string, message: string): AuditEventInput => ({
  providerOrgId: caller.orgId,
  eventSource: 'Provider',
  eventType,
  message,
  userId: caller.userId,
  userName: caller.email,
});

/**
 * UpdateLimit: sets the org's own value. Refused for a fixed limit and outside 0..ceiling (400), and below the
 * org's current usage (409). The usage read is fenced by the org item's version (every counted create moves
 * it), and creates fence their limit read by the override, so neither can pass the other unseen.
 */
export function updateLimit(caller: Who, family: string, key: string, input: { value: number; name?: string; description?: string }): Promise<void> {
  const def = limitDefinition(family, key);
  return withRetry(async () => {
    const [current, usage] = await Promise.all([getLimitOverride(caller.orgId, def.family, def.key), def.usage ? orgUsage(caller.orgId) : undefined]);
    if (def.usage && !usage) throw new NotFound('org');
    const used = def.usage ? (usage![USAGE_ATTRIBUTE[def.usage]] ?? 0) : 0;
    checkLimitChange(def, input.value, used);
    const fields = {
      entity: 'limitOverride' as const,
      orgId: caller.orgId,
      family: def.family,
      limitKey: def.key,
      value: input.value,
      name: input.name?.trim() ?? current?.name ?? '',
      description: input.description ?? current?.description ?? '',
      updatedBy: caller.userId,
    };
    const key_ = limitOverrideKey(caller.orgId, def.family, def.key);
    const facts = auditFacts(audit(caller, 'LimitUpdated', `limit ${def.family}/${def.key} set to ${input.value}`));
    const put = current
      ? { item: advance(current, { ...current, ...fields, ...facts }), expectVersion: current.version }
      : { item: stamp<Omit<LimitOverrideItem, 'version' | 'createdAt' | 'updatedAt'>>({ ...key_, ...fields, ...facts }) };
    await commit({
      puts: [put],
      ...(usage ? { checks: [{ key: orgKey(caller.orgId), version: usage.version }] } : {}),
    });
  });
}

/**
 * DeleteLimit: the org's own value goes and the default applies again — refused (409) while the org uses more
 * than the default. A limit the org never changed is a no-op.
 */
export function deleteLimit(caller: Who, family: string, key: string): Promise<void> {
  const def = limitDefinition(family, key);
  return withRetry(async () => {
    const [current, usage] = await Promise.all([getLimitOverride(caller.orgId, def.family, def.key), def.usage ? orgUsage(caller.orgId) : undefined]);
    if (!current) return;
    const used = def.usage ? (usage?.[USAGE_ATTRIBUTE[def.usage]] ?? 0) : 0;
    if (used > def.defaultValue) checkLimitChange(def, def.defaultValue, used);
    const removed = limitOverrideKey(caller.orgId, def.family, def.key);
    await commit({
      deletes: [{ key: removed, version: current.version }],
      ...(usage ? { checks: [{ key: orgKey(caller.orgId), version: usage.version }] } : {}),
      appends: [auditMarker(removed, audit(caller, 'LimitReset', `limit ${def.family}/${def.key} restored to its default ${def.defaultValue}`))],
    });
  });
}
