/**
 * The plan summaries DescribeService/ListService show under each environment, built from the items of one
 * service partition (no extra reads). A product tier item carries its environment and model ids; the model
 * item carries the model type.
 */
import { TREE } from '#shared/data/keys.ts';

/** One entry of `serviceEnvironments[].servicePlans[]` on the wire. */
export interface ServicePlanSummary {
  productTierID: string;
  name: string;
  description: string;
  tierType: string;
  modelType: string;
}

/** The fields of a partition item this module reads; every item of a service partition has `sk`. */
export interface PartitionItem {
  sk: string;
  [attribute: string]: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The plans (product tiers) of `environmentId`, oldest first, for a deterministic describe output. */
export function servicePlansOf(items: readonly PartitionItem[], environmentId: string): ServicePlanSummary[] {
  const modelTypes = new Map<string, string>();
  for (const item of items) {
    if (item.sk.startsWith(`${TREE.serviceModel}#`)) modelTypes.set(str(item.serviceModelId), str(item.modelType));
  }
  return items
    .filter((item) => item.sk.startsWith(`${TREE.productTier}#`) && item.environmentId === environmentId)
    .sort((a, b) => str(a.createdAt).localeCompare(str(b.createdAt)) || a.sk.localeCompare(b.sk))
    .map((tier) => ({
      productTierID: str(tier.productTierId),
      name: str(tier.name),
      description: str(tier.description),
      tierType: str(tier.tierType),
      modelType: str(tier.modelType) || modelTypes.get(str(tier.serviceModelId)) || '',
    }));
}
