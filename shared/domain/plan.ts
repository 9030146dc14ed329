/**
 * The provider org's plan (plan-api): which plans exist, the default, and the wire view. A plan is the org's
 * commercial label only: no payment provider is wired, so nothing is charged, `paymentConfigured` is false,
 * and no payment URL, cost or frequency is invented. Limits do not follow the plan (limit-api sets them).
 */
import type { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import type { DescribePlanResult } from '#shared/schemas/plan.ts';

export const PLAN_NAMES = ['STARTER_NO_COMMIT', 'STARTER', 'GROWTH', 'ENTERPRISE'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

/** The plan of an org that never changed it. */
export const DEFAULT_PLAN: PlanName = 'STARTER';

const DESCRIPTIONS: Record<PlanName, string> = {
  STARTER_NO_COMMIT: 'Starter plan without a commitment.',
  STARTER: 'Starter plan (the default for a new org).',
  GROWTH: 'Growth plan.',
  ENTERPRISE: 'Enterprise plan.',
};

/** A plan name in any case (`growth`), or 400 naming the plans. */
export function planNameOf(input: string): PlanName {
  const name = input.trim().toUpperCase();
  if (!(PLAN_NAMES as readonly string[]).includes(name)) throw new BadRequest(`body.planName must be one of ${PLAN_NAMES.join(', ')}`);
  return name as PlanName;
}

export function planView(plan: { planName: string; startDate: string; modifiedAt: string }): z.input<typeof DescribePlanResult> {
  const name = plan.planName as PlanName;
  return {
    planName: name,
    planDescription: `${DESCRIPTIONS[name] ?? name} No payment provider is configured on this installation: nothing is charged.`,
    paymentConfigured: false,
    startDate: plan.startDate,
    modifiedAt: plan.modifiedAt,
  };
}
