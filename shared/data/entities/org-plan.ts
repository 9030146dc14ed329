/**
 * The provider org's own plan: `ORG#<orgId>` / `#PLAN` (entity `orgPlan`). Absent until the org first
 * changes it (the default plan applies, shared/domain/plan.ts). Imports only shared/data/*.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Key, type Stored } from '#shared/data/store.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';

export interface OrgPlanItem extends Stored {
  /** The facts of the last audited change (projected into the audit log by the record-audit-events job). */
  lastEvent?: AuditFacts;
  entity: 'orgPlan';
  orgId: string;
  planName: string;
  /** The day the current plan started (`yyyy-mm-dd`). */
  startDate: string;
  changedBy: string;
}

export const orgPlanKey = (orgId: string): Key => keys.orgPlan(orgId);

export async function getOrgPlan(orgId: string): Promise<OrgPlanItem | undefined> {
  const item = await getItem<OrgPlanItem>(keys.orgPlan(orgId));
  return item && item.entity === 'orgPlan' && item.orgId === orgId ? item : undefined;
}
