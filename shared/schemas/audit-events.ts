/**
 * Wire schemas of audit-events-api: the audit log's queries (the records are written by every consumption-side
 * mutation, shared/data/entities/audit-event.ts). Field names follow the reference; every input is bounded.
 */
import { z } from 'zod';
import { Id, LIMITS, list, text } from '#shared/schemas/common.ts';
import { optionalQuery } from '#shared/schemas/subscription.ts';

/** An RFC 3339 time in a query (`2026-01-31T00:00:00Z`); empty means absent. */
const DateTime = optionalQuery(z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' }));

/** A repeated query value (`?eventSourceTypes=a&eventSourceTypes=b`), or one comma-separated value. */
const EventSourceTypes = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)),
  list(text(LIMITS.name), 10).optional(),
);

const Page = {
  nextPageToken: optionalQuery(z.string().max(4096)),
  pageSize: optionalQuery(z.coerce.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000')),
};

export const ListAllAuditEventsQuery = z.object({
  serviceID: optionalQuery(Id),
  environmentType: optionalQuery(text(LIMITS.name)),
  eventSourceTypes: EventSourceTypes,
  instanceID: optionalQuery(Id),
  /** One plan's events (beyond the reference). */
  productTierId: optionalQuery(Id),
  startDate: DateTime,
  endDate: DateTime,
  ...Page,
});

export const ListAuditEventsForServicePlanQuery = z.object({
  subscriptionId: optionalQuery(Id),
  eventSourceTypes: EventSourceTypes,
  startDate: DateTime,
  endDate: DateTime,
  ...Page,
});

/** The instance lists: the reference's `subscriptionId`, and the filters and paging of the other lists (beyond it). */
export const ListAuditEventsForInstanceQuery = z.object({
  subscriptionId: optionalQuery(Id),
  eventSourceTypes: EventSourceTypes,
  startDate: DateTime,
  endDate: DateTime,
  ...Page,
});

export const InstanceIdParams = z.object({ instanceId: Id });

const Key = text(LIMITS.name).min(1, 'must not be empty');

export const ServicePlanKeysParams = z.object({
  serviceProviderId: Id,
  serviceKey: Key,
  serviceAPIVersion: Key,
  serviceEnvironmentKey: Key,
  serviceModelKey: Key,
  productTierKey: Key,
});

export const AuditEventIdParams = z.object({ id: Id });

export const WorkflowFailure = z.object({ eventTime: z.string(), message: z.string() }).meta({ id: 'WorkflowFailure' });

export const DescribeAuditEventResult = z
  .object({
    id: z.string(),
    time: z.string(),
    message: z.string(),
    eventSource: z.string().meta({ description: 'Who or what caused it: Customer, Provider, Workflow or System.' }),
    eventType: z.string().meta({ description: 'What happened, e.g. SubscriptionCreated (beyond the reference).' }),
    orgId: z.string().meta({ description: 'The customer org it concerns, or the provider org.' }),
    orgName: z.string(),
    userId: z.string(),
    userName: z.string(),
    serviceId: z.string().optional().meta({ description: 'Beyond the reference.' }),
    productTierId: z.string().optional().meta({ description: 'Beyond the reference.' }),
    environmentType: z.string().optional().meta({ description: 'Beyond the reference.' }),
    subscriptionId: z.string().meta({ description: "'' when it concerns no subscription." }),
    resourceInstanceId: z.string().meta({ description: "'' when it concerns no instance." }),
    resourceName: z.string().meta({ description: "'' when it concerns no resource." }),
    workflowFailures: z.array(WorkflowFailure),
  })
  .meta({ id: 'DescribeAuditEventResult' });

export const ListAuditEventsResult = z
  .object({ ids: z.array(z.string()), events: z.array(DescribeAuditEventResult), nextPageToken: z.string().optional() })
  .meta({ id: 'ListAuditEventsResult' });
