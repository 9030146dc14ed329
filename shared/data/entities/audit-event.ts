/**
 * The audit log: one record per mutation on the consumption side (customers' users, subscriptions and their
 * requests, resource instances, …) and of the provider's own account settings (limits, plan). A mutation
 * never writes the log itself: it carries its facts on the item it writes (`auditFacts` → `lastEvent`), or,
 * for a delete, on a short-lived marker put in the same transaction (`auditMarker`); the `record-audit-events`
 * stream job (functions/jobs/record-audit-events.ts) projects each committed new `lastEvent` into one record
 * (`projectedEventId`: the same record on a redelivered stream record), so the log cannot invent an event, and
 * misses none that the stream delivers. This is the one shape every writer uses.
 *
 * Kept in the provider org's log, `ORG#<providerOrgId>#EVENTS#<yyyy-mm>` / `<time>#<eventId>`, and listed for
 * the customer org it concerns on gsi1 (`ORG#<customerOrgId>#EVENTS`). Records expire after
 * AUDIT_RETENTION_DAYS (the table's TTL on `expiresAt`). Events of a plan (`productTierId`) are also listed on gsi2
 * (`ORG#<providerOrgId>#TIER#<productTierId>#EVENTS`), events of an instance in a copy under
 * `INSTEVENTS#<instanceId>`. The event id carries its time (`event-<ms base36, 9><hex 12>`), so an id alone
 * names its record's key (`eventKeyOf`): a describe is one GetItem.
 */
import { createHash, randomBytes } from 'node:crypto';
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

/** The copy of an instance's event in the instance's own listing (`INSTEVENTS#<instanceId>`). */
export interface InstanceAuditEventItem extends Omit<AuditEventItem, 'entity'> {
  entity: 'instanceAuditEvent';
}

/** The record with this id and time, with its listings (customer org, plan); its time is its `createdAt`. */
export function auditRecord(input: AuditEventInput, time: string, eventId: string): AuditEventItem {
  return {
    ...keys.auditEvent(input.providerOrgId, time.slice(0, 7), time, eventId),
    ...(input.customerOrgId ? keys.customerAuditListing(input.customerOrgId, time, eventId) : {}),
    ...(input.productTierId ? keys.planAuditListing(input.providerOrgId, input.productTierId, time, eventId) : {}),
    ...input,
    entity: 'auditEvent',
    eventId,
    time,
    expiresAt: Math.floor(new Date(time).getTime() / 1000) + AUDIT_RETENTION_DAYS * 86_400,
    version: 1,
    createdAt: time,
    updatedAt: time,
  };
}

/** The instance listing's copy of a record that names an instance (no index attributes: listed once each). */
export function instanceAuditCopy(record: AuditEventItem & { resourceInstanceId: string }): InstanceAuditEventItem {
  const { gsi1pk: _1, gsi1sk: _2, gsi2pk: _3, gsi2sk: _4, ...rest } = record as AuditEventItem & Record<string, unknown>;
  return { ...rest, ...keys.instanceAuditEvent(record.resourceInstanceId, record.time, record.eventId), entity: 'instanceAuditEvent' } as InstanceAuditEventItem;
}

/** A record with a fresh random id (test fixtures; mutations carry `auditFacts` instead). */
export function auditEvent(input: AuditEventInput, now = new Date()): AuditEventItem {
  return auditRecord(input, now.toISOString(), `event-${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`);
}

/**
 * The id of the event projected from the facts `at` on the item `source`: the time (so `eventKeyOf` finds it)
 * and a hash of the item's key and that time, so a stream record delivered twice names the same record.
 */
export function projectedEventId(source: Key, facts: Pick<AuditFacts, 'at' | 'eventType' | 'message'>): string {
  const ms = new Date(facts.at).getTime();
  // What happened is in the hash with when: two commits on one item in the same millisecond are two events.
  const hash = createHash('sha256').update(`${source.pk}\n${source.sk}\n${facts.at}\n${facts.eventType}\n${facts.message}`).digest('hex').slice(0, 12);
  return `event-${ms.toString(36).padStart(9, '0')}${hash}`;
}

/** The record (and its instance copy) for `facts` committed on `source`; undefined for facts we cannot date. */
export function projectedRecords(source: Key, facts: AuditFacts): (AuditEventItem | InstanceAuditEventItem)[] {
  const time = new Date(facts.at);
  if (Number.isNaN(time.getTime())) return [];
  const { at, ...input } = facts;
  const record = auditRecord(input, time.toISOString(), projectedEventId(source, facts));
  return record.resourceInstanceId ? [record, instanceAuditCopy(record as AuditEventItem & { resourceInstanceId: string })] : [record];
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

/** Where a log is read: the provider's monthly partitions, a customer org's listing, one plan's, or one instance's. */
export type AuditLog = { provider: string } | { customer: string } | { plan: { providerOrgId: string; productTierId: string } } | { instance: string };

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
        : 'plan' in log
          ? keys.planAuditEvents(log.plan.providerOrgId, log.plan.productTierId)
          : keys.instanceAuditEvents(log.instance);
  const entity = 'instance' in log ? 'instanceAuditEvent' : 'auditEvent';
  // One extra: the bound is inclusive and `before` itself is skipped.
  const page = await queryPage<AuditEventItem | InstanceAuditEventItem>({ ...base, between, limit: limit + 1, descending: true });
  const items = page.items
    .filter((e) => e.entity === entity && `${e.time}#${e.eventId}` !== range.before)
    .map((e) => ({ ...e, entity: 'auditEvent' }) as AuditEventItem);
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

/** How long a delete's marker stays (TTL): the stream job has read it long before. */
export const AUDIT_MARKER_DAYS = 2;

export interface AuditMarkerItem extends Stored {
  entity: 'auditMarker';
  /** The key of the item the facts are about (deleted, or changed only by counters). */
  about: Key;
  lastEvent: AuditFacts;
  expiresAt: number;
}

/**
 * The facts of a mutation that leaves no item carrying them — a delete (no new image), or a change that only
 * counts — as a marker for the plan's `appends`: one new item per mutation, projected like any `lastEvent`.
 */
export function auditMarker(about: Key, input: AuditEventInput, now = new Date()): AuditMarkerItem {
  const at = now.toISOString();
  return {
    ...keys.auditMarker(about, at),
    entity: 'auditMarker',
    about: { pk: about.pk, sk: about.sk },
    ...auditFacts(input, now),
    expiresAt: Math.floor(now.getTime() / 1000) + AUDIT_MARKER_DAYS * 86_400,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The entities whose items carry `lastEvent`: the `record-audit-events` job's stream filter. An entity that
 * starts carrying `auditFacts` is added here, or its events are never projected.
 */
export const AUDITED_ENTITIES = [
  'auditMarker',
  'subscription',
  'subscriptionRequest',
  'subscriptionRole',
  'user',
  'token',
  'limitOverride',
  'orgPlan',
  'resourceInstance',
  'instanceSnapshot',
] as const;
