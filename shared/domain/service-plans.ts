/**
 * @deprecated Legacy shim for the tiers family until the merge: `test/unit/product-tiers.test.ts` still
 * calls the old sort-key-parsing `servicePlansOf(items, environmentId)`. Production code uses
 * `shared/domain/service-plan.ts`. The lead deletes this file (and that test case, which
 * test/unit/service-plan.test.ts covers with typed items) after the merge.
 */
import { TREE } from '#shared/data/keys.ts';
import { servicePlansOf as typedPlansOf, type TierSummarySource } from '#shared/domain/service-plan.ts';

export { servicePlanView, type PlanParts } from '#shared/domain/service-plan.ts';

/** @deprecated partition items told apart by their sort key, the old way; see the file comment. */
export function servicePlansOf(items: readonly { sk: string; [attribute: string]: unknown }[], environmentId: string) {
  const tiers = items.filter((i) => i.sk.startsWith(`${TREE.productTier}#`)) as unknown as TierSummarySource[];
  const models = items.filter((i) => i.sk.startsWith(`${TREE.serviceModel}#`)) as unknown as { serviceModelId: string; modelType: string }[];
  return typedPlansOf(tiers, models, environmentId);
}
