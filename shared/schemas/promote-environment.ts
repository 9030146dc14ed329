/** The state inputs of the promote-environment workflow's tasks (what its ASL's Parameters pass). */
import { z } from 'zod';

const Id = z.string().min(1).max(128);

export const PromotionIds = z.object({ serviceId: Id, sourceEnvironmentId: Id, userId: Id, email: z.string().min(3).max(254) });

export const PlanPair = z.object({ targetEnvironmentId: Id, sourceProductTierId: Id });

/** A service holds at most 50 environments and 200 plans (docs/limits.md): the pairs are bounded by that. */
export const PlanList = z.object({ items: z.array(PlanPair).max(10_000), next: z.number().int().min(0) });
