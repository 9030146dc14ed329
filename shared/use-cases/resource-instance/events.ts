/**
 * The audit facts of a change to an instance (or to something of it, a snapshot): the instance's scope — its
 * provider and customer, service, environment type, plan, subscription and id — with what happened, in the one
 * shape the record-audit-events job projects (`auditFacts`).
 */
import { auditFacts, type AuditEventInput, type AuditFacts } from '#shared/data/entities/audit-event.ts';
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';

export type InstanceScope = Pick<ResourceInstanceItem, 'providerOrgId' | 'customerOrgId' | 'serviceId' | 'environmentType' | 'productTierId' | 'subscriptionId' | 'instanceId'>;

/** What happened and who did it; the rest comes from the instance. */
export type InstanceEvent = Pick<AuditEventInput, 'eventSource' | 'eventType' | 'message' | 'userId' | 'userName'> & Partial<AuditEventInput>;

export function instanceFacts(scope: InstanceScope, event: InstanceEvent, now?: Date): { lastEvent: AuditFacts } {
  return auditFacts(
    {
      providerOrgId: scope.providerOrgId,
      customerOrgId: scope.customerOrgId,
      serviceId: scope.serviceId,
      environmentType: scope.environmentType,
      productTierId: scope.productTierId,
      subscriptionId: scope.subscriptionId,
      resourceInstanceId: scope.instanceId,
      ...event,
    },
    now,
  );
}

/** A workflow's step on the instance: who asked stays the running operation's user. */
export function workflowFacts(item: ResourceInstanceItem, eventType: string, message: string, extra: Partial<AuditEventInput> = {}): { lastEvent: AuditFacts } {
  return instanceFacts(item, {
    eventSource: 'Workflow',
    eventType,
    message,
    userId: item.activeOperation?.userId ?? '',
    userName: item.activeOperation?.userName ?? '',
    ...extra,
  });
}
