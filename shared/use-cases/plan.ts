/** Use cases of plan-api: the provider org's own plan (DescribePlan, ChangePlan). */
import type { Caller } from '#shared/auth/caller.ts';
import { advance, commit, stamp, withRetry } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import { auditFacts } from '#shared/data/entities/audit-event.ts';
import { getOrg } from '#shared/data/entities/org.ts';
import { getOrgPlan, orgPlanKey } from '#shared/data/entities/org-plan.ts';
import { DEFAULT_PLAN, planNameOf, planView } from '#shared/domain/plan.ts';

type Who = Pick<Caller, 'orgId' | 'userId' | 'email'>;

/** DescribePlan: the org's plan item, else the default plan since the org was created. */
export async function describePlan(caller: Who) {
  const plan = await getOrgPlan(caller.orgId);
  if (plan) return planView({ planName: plan.planName, startDate: plan.startDate, modifiedAt: plan.updatedAt });
  const org = await getOrg(caller.orgId);
  if (!org) throw new NotFound('org');
  return planView({ planName: DEFAULT_PLAN, startDate: org.createdAt.slice(0, 10), modifiedAt: org.createdAt });
}

/** ChangePlan: moves the org to another plan (from today); the same plan again changes nothing. */
export function changePlan(caller: Who, input: { planName: string }): Promise<void> {
  const planName = planNameOf(input.planName);
  return withRetry(async () => {
    const current = await getOrgPlan(caller.orgId);
    if ((current?.planName ?? DEFAULT_PLAN) === planName) return;
    const fields = {
      entity: 'orgPlan' as const,
      orgId: caller.orgId,
      planName,
      startDate: new Date().toISOString().slice(0, 10),
      changedBy: caller.userId,
      ...auditFacts({
        providerOrgId: caller.orgId,
        eventSource: 'Provider',
        eventType: 'PlanChanged',
        message: `plan changed from ${current?.planName ?? DEFAULT_PLAN} to ${planName}`,
        userId: caller.userId,
        userName: caller.email,
      }),
    };
    await commit({
      puts: [current ? { item: advance(current, { ...current, ...fields }), expectVersion: current.version } : { item: stamp({ ...orgPlanKey(caller.orgId), ...fields }) }],
    });
  });
}
