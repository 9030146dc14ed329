/**
 * audit-events-api: the read side of the audit log (the records: shared/data/entities/audit-event.ts).
 *
 * Who reads which log: a provider token its org's log (every customer's events), read month by month newest
 * first over the query's window; a customer token its own customer org's listing (gsi1), narrowed to its
 * provider and portal environment type. A plan's events (addressed by keys) come from the plan's own listing
 * (gsi2) for the provider, and from the customer's listing for a customer. Pages carry a signed cursor (month
 * and the last sort key read); a page reads at most MAX_READS bounded Queries, so a filter that keeps little
 * answers a short page with a token rather than reading on.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { providerOrgOf } from '#shared/auth/caller.ts';
import { NotFound } from '#shared/errors.ts';
import { decodePageToken, encodePageToken, pageSize } from '#shared/data/page-token.ts';
import { AUDIT_RETENTION_DAYS, auditEventsBefore, getAuditEvent, type AuditEventItem, type AuditLog } from '#shared/data/entities/audit-event.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { callerReaches, INSTANCE_NOT_FOUND, planByKeys } from '#shared/use-cases/resource-instance/path.ts';
import { getResourceInstance, type ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import { auditEventView, auditWindow, matches, monthsBetween, visibleToCustomer, type AuditEventView, type AuditFilter } from '#shared/domain/audit-event.ts';
import type { ListAllAuditEventsQuery, ListAuditEventsForInstanceQuery, ListAuditEventsForServicePlanQuery, ServicePlanKeysParams } from '#shared/schemas/audit-events.ts';

/** Queries one page may make (a window of 14 empty months still answers in one page). */
export const MAX_READS = 20;

type ListResult = { ids: string[]; events: AuditEventView[]; nextPageToken?: string };
interface Cursor {
  /** The month being read (provider log only). */
  m?: string;
  /** The last sort key read there. */
  b?: string;
}

/** The log the caller reads and the filter that keeps what it may see. */
function logOf(caller: Caller): { log: AuditLog; scope: AuditFilter } {
  if (caller.customer) {
    return { log: { customer: caller.orgId }, scope: { providerOrgId: caller.customer.providerOrgId, environmentType: caller.customer.environmentType } };
  }
  return { log: { provider: caller.orgId }, scope: {} };
}

const scopeOf = (log: AuditLog) =>
  'provider' in log
    ? `audit|provider|${log.provider}`
    : 'customer' in log
      ? `audit|customer|${log.customer}`
      : 'plan' in log
        ? `audit|plan|${log.plan.providerOrgId}|${log.plan.productTierId}`
        : `audit|instance|${log.instance}`;

async function names(events: AuditEventItem[]): Promise<(e: AuditEventItem) => string> {
  const ids = [...new Set(events.map((e) => e.customerOrgId ?? e.providerOrgId))];
  const orgs = await Promise.all(ids.map((id) => getOrg(id)));
  const byId = new Map(ids.map((id, i) => [id, orgs[i]?.name ?? '']));
  return (e) => byId.get(e.customerOrgId ?? e.providerOrgId) ?? '';
}

/** One page of `log` within the window, newest first, keeping what `filter` matches. */
async function readPage(log: AuditLog, filter: AuditFilter, window: { from: string; to: string }, query: { pageSize?: number; nextPageToken?: string }): Promise<ListResult> {
  const size = pageSize(query.pageSize);
  const scope = scopeOf(log);
  const cursor = ((await decodePageToken(scope, query.nextPageToken)) ?? {}) as Cursor;
  const months: (string | undefined)[] = 'provider' in log ? monthsBetween(window.from, window.to) : [undefined];
  let at = cursor.m ? months.indexOf(cursor.m) : 0;
  if (at < 0) return { ids: [], events: [] };
  let before = cursor.b;
  const kept: AuditEventItem[] = [];
  for (let reads = 0; at < months.length && kept.length < size; reads++) {
    if (reads === MAX_READS) break;
    const { items, more } = await auditEventsBefore(log, { ...window, month: months[at], before }, size - kept.length);
    kept.push(...items.filter((e) => matches(e, filter)));
    if (items.length) before = `${items[items.length - 1]!.time}#${items[items.length - 1]!.eventId}`;
    if (!more) [at, before] = [at + 1, undefined];
  }
  const next: Cursor | undefined = at < months.length ? { ...(months[at] ? { m: months[at] } : {}), ...(before ? { b: before } : {}) } : undefined;
  const name = await names(kept);
  return {
    ids: kept.map((e) => e.eventId),
    events: kept.map((e) => auditEventView(e, name(e))),
    ...(next ? { nextPageToken: await encodePageToken(scope, next as Record<string, unknown>) } : {}),
  };
}

export async function listAllAuditEvents(caller: Caller, query: z.output<typeof ListAllAuditEventsQuery>, now = new Date()): Promise<ListResult> {
  const own = logOf(caller);
  const { scope } = own;
  if (scope.environmentType && query.environmentType && query.environmentType.toUpperCase() !== scope.environmentType) return { ids: [], events: [] };
  // A provider narrowing to one instance or plan reads that listing, not its whole log (tenancy: the provider
  // filter for the instance's copies, the provider's own key for the plan's).
  const log: AuditLog =
    caller.customer || (!query.instanceID && !query.productTierId)
      ? own.log
      : query.instanceID
        ? { instance: query.instanceID }
        : { plan: { providerOrgId: caller.orgId, productTierId: query.productTierId! } };
  const filter: AuditFilter = {
    ...scope,
    ...('instance' in log ? { providerOrgId: caller.orgId } : {}),
    ...(query.environmentType && !scope.environmentType ? { environmentType: query.environmentType } : {}),
    serviceId: query.serviceID,
    eventSourceTypes: query.eventSourceTypes,
    resourceInstanceId: query.instanceID,
    productTierId: query.productTierId,
  };
  return readPage(log, filter, auditWindow(query, now, AUDIT_RETENTION_DAYS), query);
}

/** The event, if the caller may see it: its provider's (one GetItem by the id's time), or its customer org's. */
export async function describeAuditEvent(caller: Caller, id: string): Promise<AuditEventView> {
  const event = await getAuditEvent(providerOrgOf(caller), id);
  const customer = caller.customer;
  if (!event || (customer && !visibleToCustomer(event, { customerOrgId: caller.orgId, providerOrgId: customer.providerOrgId, environmentType: customer.environmentType }))) {
    throw new NotFound('audit event');
  }
  return auditEventView(event, (await names([event]))(event));
}

/** The same event on the older path. */
export function deprecatedDescribeAuditEvent(caller: Caller, id: string): Promise<AuditEventView> {
  return describeAuditEvent(caller, id);
}

export async function listAuditEventsForServicePlan(
  caller: Caller,
  params: z.output<typeof ServicePlanKeysParams>,
  query: z.output<typeof ListAuditEventsForServicePlanQuery>,
  now = new Date(),
): Promise<ListResult> {
  const { providerOrgId, productTierId } = await planByKeys(caller, params);
  const plan = { providerOrgId, productTierId };
  const { log, scope } = caller.customer ? logOf(caller) : { log: { plan } as AuditLog, scope: {} };
  const filter: AuditFilter = { ...scope, productTierId: plan.productTierId, subscriptionId: query.subscriptionId, eventSourceTypes: query.eventSourceTypes };
  return readPage(log, filter, auditWindow(query, now, AUDIT_RETENTION_DAYS), query);
}

/**
 * The events of one instance, from its own listing (`INSTEVENTS#<id>`), newest first: for whoever reaches the
 * instance (`callerReaches`: its provider, its customer org, a user with a role on its subscription). The
 * listing outlives the instance, so a deleted instance's history stays readable: then the newest copy says
 * whose it was. Anything the caller may not reach, or nothing at all, is 404.
 */
export async function listAuditEventsForInstance(
  caller: Caller,
  instanceId: string,
  query: z.output<typeof ListAuditEventsForInstanceQuery>,
  now = new Date(),
): Promise<ListResult> {
  const window = auditWindow(query, now, AUDIT_RETENTION_DAYS);
  const log: AuditLog = { instance: instanceId };
  const owner =
    (await getResourceInstance(instanceId)) ??
    (await auditEventsBefore(log, { from: new Date(0).toISOString(), to: now.toISOString() }, 1)).items[0];
  const reachable =
    owner &&
    (await callerReaches(caller, {
      providerOrgId: owner.providerOrgId,
      customerOrgId: owner.customerOrgId ?? '',
      environmentType: owner.environmentType ?? '',
      subscriptionId: owner.subscriptionId ?? '',
    } as ResourceInstanceItem));
  if (!reachable) throw new NotFound(INSTANCE_NOT_FOUND);
  const filter: AuditFilter = { providerOrgId: owner.providerOrgId, subscriptionId: query.subscriptionId, eventSourceTypes: query.eventSourceTypes };
  return readPage(log, filter, window, query);
}

/** The same list on the older path. */
export function deprecatedListAuditEventsForInstance(
  caller: Caller,
  instanceId: string,
  query: z.output<typeof ListAuditEventsForInstanceQuery>,
): Promise<ListResult> {
  return listAuditEventsForInstance(caller, instanceId, query);
}

/** The same list on the older path. */
export function deprecatedListAuditEventsForServicePlan(
  caller: Caller,
  params: z.output<typeof ServicePlanKeysParams>,
  query: z.output<typeof ListAuditEventsForServicePlanQuery>,
): Promise<ListResult> {
  return listAuditEventsForServicePlan(caller, params, query);
}
