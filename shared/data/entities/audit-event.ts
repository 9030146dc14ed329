/**
 * The audit log: one record per mutation on the consumption side (customers' users, subscriptions and their
 * requests, resource instances, …), appended in the same transaction as the mutation (a plan `append`), so
 * the log cannot miss or invent one. The resource-instance issue exposes it (audit-events-api); this is the
 * one shape every writer uses.
 *
 * Kept in the provider org's log, `ORG#<providerOrgId>#EVENTS#<yyyy-mm>` / `<time>#<eventId>`, and listed for
 * the customer org it concerns on gsi1 (`ORG#<customerOrgId>#EVENTS`). Records expire after
 * AUDIT_RETENTION_DAYS (the table's TTL on `expiresAt`). Events of a plan (`productTierId`) are also listed on gsi2
 * (`ORG#<providerOrgId>#TIER#<productTierId>#EVENTS`). The event id carries its time (`event-<ms base36, 9>
 * <hex>`), so an id alone names its record's key (`eventKeyOf`): a describe is one GetItem.
 */
import { randomBytes } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import { getItem, queryPage, type Key, type Stored } from '#shared/data/store.ts';

export const AUDIT_RETENTION_DAYS = 400;

/** Who or what caused the event. */
export type AuditEventSource = 'Customer' | 'Provider' | 'Workflow' | 'System';

export interface AuditEventInput {
  /** The provider org whose log holds the event. */
  providerOrgId: string;
  /** The customer org the event concerns, when there is one (it sees the event too). */
  customerOrgId?: string;
  eventSource: AuditEventSource;
  /** What happened, in PascalCase domain words: `SubscriptionCreated`, `SubscriptionSuspended`, `CustomerUserInvited`, … */
  eventType: string;
  /** One human sentence. */
  message: string;
  /** The acting user ('' for the system). */
  userId: string;
  userName: string;
  /** Ids of what it concerns, as applicable. */
  serviceId?: string;
  environmentType?: string;
  productTierId?: string;
  subscriptionId?: string;
  resourceInstanceId?: string;
  resourceName?: string;
  /** The failed steps of a workflow, when the event reports them. */
  workflowFailures?: { eventTime: string; message: string }[];
}

export interface AuditEventItem extends Stored, AuditEventInput {
  entity: 'auditEvent';
  eventId: string;
  time: string;
  /** TTL, seconds since the epoch. */
  expiresAt: number;
}

/** An audit record for the `appends` of the mutation's plan. */
export function auditEvent(input: AuditEventInput, now = new Date()): AuditEventItem {
  const time = now.toISOString();
  const eventId = `event-${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
  return {
    ...keys.auditEvent(input.providerOrgId, time.slice(0, 7), time, eventId),
    ...(input.customerOrgId ? keys.customerAuditListing(input.customerOrgId, time, eventId) : {}),
    ...(input.productTierId ? keys.planAuditListing(input.providerOrgId, input.productTierId, time, eventId) : {}),
    ...input,
    entity: 'auditEvent',
    eventId,
    time,
    expiresAt: Math.floor(now.getTime() / 1000) + AUDIT_RETENTION_DAYS * 86_400,
    version: 1,
    createdAt: time,
    updatedAt: time,
  };
}

const EVENT_ID = /^event-([0-9a-z]{9})[0-9a-f]{12}$/;

/** The key of the provider's record with this id, or undefined when the id is not one we write. */
export function eventKeyOf(providerOrgId: string, eventId: string): Key | undefined {
  const m = EVENT_ID.exec(eventId);
  if (!m) return undefined;
  const at = new Date(parseInt(m[1]!, 36));
  if (Number.isNaN(at.getTime())) return undefined;
  const time = at.toISOString();
  return keys.auditEvent(providerOrgId, time.slice(0, 7), time, eventId);
}

/** The provider's event with this id (one GetItem), if any. */
export async function getAuditEvent(providerOrgId: string, eventId: string): Promise<AuditEventItem | undefined> {
  const key = eventKeyOf(providerOrgId, eventId);
  const item = key ? await getItem<AuditEventItem>(key) : undefined;
  return item?.entity === 'auditEvent' ? item : undefined;
}

/** Where a log is read: the provider's monthly partitions, a customer org's listing, or one plan's listing. */
export type AuditLog = { provider: string } | { customer: string } | { plan: { providerOrgId: string; productTierId: string } };

/** The sort keys of events in [from, to] (ISO times, inclusive), below `before` when given (exclusive). */
function window(from: string, to: string, before?: string): [string, string] {
  const upper = `${to}#\uffff`;
  return [from, before && before < upper ? before : upper];
}

/**
 * One descending read of at most `limit` events of the log within [from, to], strictly older than the sort key
 * `before`; for the provider's log, of the one month `month`. Returns the items and whether that range may hold
 * more (a full read).
 */
export async function auditEventsBefore(
  log: AuditLog,
  range: { from: string; to: string; month?: string; before?: string },
  limit: number,
): Promise<{ items: AuditEventItem[]; more: boolean }> {
  const between = window(range.from, range.to, range.before);
  const base =
    'provider' in log
      ? keys.auditEventsOfMonth(log.provider, range.month ?? range.to.slice(0, 7))
      : 'customer' in log
        ? keys.customerAuditEvents(log.customer)
        : keys.planAuditEvents(log.plan.providerOrgId, log.plan.productTierId);
  // One extra: the bound is inclusive and `before` itself is skipped.
  const page = await queryPage<AuditEventItem>({ ...base, between, limit: limit + 1, descending: true });
  const items = page.items.filter((e) => e.entity === 'auditEvent' && e.sk !== range.before && `${e.time}#${e.eventId}` !== range.before);
  return { items: items.slice(0, limit), more: items.length > limit || !!page.nextPageToken };
}

/**
 * The facts of a mutation, carried on the mutated item itself as `lastEvent` (spread `auditFacts(...)` into the
 * item the plan puts). The `record-audit-events` stream job projects each new `lastEvent` into the log, so an
 * event exists exactly when its mutation committed, and handlers never write the log themselves. Each commit
 * that changes `lastEvent.at` is one event; a write that leaves it alone records nothing.
 */
export interface AuditFacts extends AuditEventInput {
  /** When the mutation happened (ISO); with the item's key, what makes the projected event's id. */
  at: string;
}

export function auditFacts(input: AuditEventInput, now = new Date()): { lastEvent: AuditFacts } {
  return { lastEvent: { ...input, at: now.toISOString() } };
}
