/**
 * The audit log: one record per mutation on the consumption side (customers' users, subscriptions and their
 * requests, resource instances, …), appended in the same transaction as the mutation (a plan `append`), so
 * the log cannot miss or invent one. The resource-instance issue exposes it (audit-events-api); this is the
 * one shape every writer uses.
 *
 * Kept in the provider org's log, `ORG#<providerOrgId>#EVENTS#<yyyy-mm>` / `<time>#<eventId>`, and listed for
 * the customer org it concerns on gsi1 (`ORG#<customerOrgId>#EVENTS`). Records expire after
 * AUDIT_RETENTION_DAYS (the table's TTL on `expiresAt`).
 */
import { randomBytes } from 'node:crypto';
import { keys } from '#shared/data/keys.ts';
import type { Stored } from '#shared/data/store.ts';

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
  const eventId = `event-${randomBytes(8).toString('hex')}`;
  return {
    ...keys.auditEvent(input.providerOrgId, time.slice(0, 7), time, eventId),
    ...(input.customerOrgId ? keys.customerAuditListing(input.customerOrgId, time, eventId) : {}),
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
