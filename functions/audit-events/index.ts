import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the audit-events-api group.
import * as listAllAuditEvents from './list-all-audit-events.ts';
import * as describeAuditEvent from './describe-audit-event.ts';
import * as deprecatedDescribeAuditEvent from './deprecated-describe-audit-event.ts';
import * as listAuditEventsForServicePlan from './list-audit-events-for-service-plan.ts';
import * as deprecatedListAuditEventsForServicePlan from './deprecated-list-audit-events-for-service-plan.ts';
import * as listAuditEventsForInstance from './list-audit-events-for-instance.ts';
import * as deprecatedListAuditEventsForInstance from './deprecated-list-audit-events-for-instance.ts';

export const operations: readonly AnyOperation[] = [
  listAllAuditEvents.operation,
  describeAuditEvent.operation,
  deprecatedDescribeAuditEvent.operation,
  listAuditEventsForServicePlan.operation,
  deprecatedListAuditEventsForServicePlan.operation,
  listAuditEventsForInstance.operation,
  deprecatedListAuditEventsForInstance.operation,
];
