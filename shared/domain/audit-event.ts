/**
 * The audit log's pure rules: which events a query's filters keep, which a caller may see, the query's time
 * window, and the wire view of an event.
 */
import type { z } from 'zod';
import type { AuditEventItem, AuditFacts } from '#shared/data/entities/audit-event.ts';
import type { DescribeAuditEventResult } from '#shared/schemas/audit-events.ts';
import { BadRequest } from '#shared/errors.ts';

export type AuditEventView = z.input<typeof DescribeAuditEventResult>;

/** What a list query narrows the log to (all optional). */
export interface AuditFilter {
  serviceId?: string;
  environmentType?: string;
  eventSourceTypes?: string[];
  resourceInstanceId?: string;
  productTierId?: string;
  subscriptionId?: string;
  /** For a customer's view: only its provider's events. */
  providerOrgId?: string;
}

export function matches(e: AuditEventItem, f: AuditFilter): boolean {
  if (f.providerOrgId && e.providerOrgId !== f.providerOrgId) return false;
  if (f.serviceId && e.serviceId !== f.serviceId) return false;
  // Events of no environment (e.g. a customer user invited) belong to every environment type's view.
  if (f.environmentType && e.environmentType && e.environmentType.toUpperCase() !== f.environmentType.toUpperCase()) return false;
  if (f.eventSourceTypes?.length && !f.eventSourceTypes.some((t) => t.toLowerCase() === e.eventSource.toLowerCase())) return false;
  if (f.resourceInstanceId && e.resourceInstanceId !== f.resourceInstanceId) return false;
  if (f.productTierId && e.productTierId !== f.productTierId) return false;
  if (f.subscriptionId && e.subscriptionId !== f.subscriptionId) return false;
  return true;
}

/** Whether a customer of `providerOrgId` in org `customerOrgId` with portal type `environmentType` may see it. */
export function visibleToCustomer(e: AuditEventItem, scope: { customerOrgId: string; providerOrgId: string; environmentType: string }): boolean {
  return e.customerOrgId === scope.customerOrgId && matches(e, { providerOrgId: scope.providerOrgId, environmentType: scope.environmentType });
}

/**
 * The query's window as ISO times [from, to]: `endDate` or now, back to `startDate` but never further than the
 * retention (older records are gone), so a read covers at most `retentionDays` of monthly partitions.
 */
export function auditWindow(q: { startDate?: string; endDate?: string }, now: Date, retentionDays: number): { from: string; to: string } {
  const to = q.endDate ? new Date(q.endDate) : now;
  const oldest = new Date(to.getTime() - retentionDays * 86_400_000);
  const start = q.startDate ? new Date(q.startDate) : oldest;
  if (start > to) throw new BadRequest('startDate must not be after endDate');
  return { from: (start < oldest ? oldest : start).toISOString(), to: to.toISOString() };
}

/** The UTC months (`yyyy-mm`) from `to`'s back to `from`'s, newest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let y = Number(to.slice(0, 4));
  let m = Number(to.slice(5, 7));
  const last = from.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month < last) break;
    months.push(month);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return months;
}

export function auditEventView(e: AuditEventItem, orgName: string): AuditEventView {
  return {
    id: e.eventId,
    time: e.time,
    message: e.message,
    eventSource: e.eventSource,
    eventType: e.eventType,
    orgId: e.customerOrgId ?? e.providerOrgId,
    orgName,
    userId: e.userId,
    userName: e.userName,
    ...(e.serviceId ? { serviceId: e.serviceId } : {}),
    ...(e.productTierId ? { productTierId: e.productTierId } : {}),
    ...(e.environmentType ? { environmentType: e.environmentType } : {}),
    subscriptionId: e.subscriptionId ?? '',
    resourceInstanceId: e.resourceInstanceId ?? '',
    resourceName: e.resourceName ?? '',
    workflowFailures: e.workflowFailures ?? [],
  };
}

/**
 * The audit facts a committed change brings (a stream record's images): the new image's `lastEvent` when its
 * time differs from the old image's — one event per change; a write that kept `lastEvent` (a counter, a
 * touch, an unrelated field) brings none, and neither does a delete (its facts ride on an `auditMarker`).
 * Facts without the fields every event needs are refused loudly (a writer's bug, not a stream hiccup).
 */
export function newAuditFacts(oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined): AuditFacts | undefined {
  const next = newImage?.lastEvent as Partial<AuditFacts> | undefined;
  if (!next || typeof next !== 'object') return undefined;
  const prev = oldImage?.lastEvent as Partial<AuditFacts> | undefined;
  // Unchanged facts are no event; new facts in the same millisecond are (an item written twice in one ms).
  if (prev && prev.at === next.at && prev.eventType === next.eventType && prev.message === next.message) return undefined;
  const missing = (['at', 'providerOrgId', 'eventSource', 'eventType', 'message'] as const).filter((f) => typeof next[f] !== 'string' || next[f] === '');
  if (missing.length) throw new Error(`lastEvent lacks ${missing.join(', ')}`);
  return { userId: '', userName: '', ...next } as AuditFacts;
}
