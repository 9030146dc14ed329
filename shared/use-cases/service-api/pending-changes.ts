/**
 * DescribePendingChanges and DiscardPendingChanges: what changed in a product tier since its last release,
 * and putting the released definition back (docs/data-model.md, "Pending changes").
 *
 * Both name the tier by `productTierId` under the service API of the path (another API's tier, or another
 * org's, is 404). Describe diffs the last release's snapshot with the current definition (everything is
 * PENDING_NEW before the first release). Discard restores the snapshot item by item, with the same ids
 * (restore.ts plans it), and moves the tier's change mark so nothing is pending afterwards; before any
 * release there is nothing to restore (409).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { getServiceApi } from '#shared/data/entities/service-api.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { newestChangeMark } from '#shared/data/entities/tier-version-set.ts';
import { assertAnswerable, diffTierDefinitions } from '#shared/domain/pending-changes.ts';
import type { DescribePendingChangesResult } from '#shared/schemas/service-api.ts';
import { loadTierDefinition } from '#shared/use-cases/tier-definition.ts';
import { lastReleasedDefinition } from '#shared/use-cases/tier-version-set/release.ts';
import { applyTierDefinition } from '#shared/use-cases/service-api/restore.ts';
import { tierDefinitionJson } from '#shared/domain/product-tier.ts';

type Org = Pick<Caller, 'orgId'>;
interface ApiPath {
  serviceId: string;
  id: string;
}

/** How long one DiscardPendingChanges call keeps committing chunks before it answers "call again". */
export const DISCARD_TIME_BUDGET_MS = 20_000;

const PARTLY_DONE =
  'the discard is partly done (the plan is larger than one transaction and changed meanwhile or took too long); call DiscardPendingChanges again to finish it';

/** The tier named by `productTierId`, which must belong to the service API of the path. */
async function tierOfApi(orgId: string, path: ApiPath, productTierId: string): Promise<ProductTierItem> {
  const [api, tier] = await Promise.all([getServiceApi(orgId, path.serviceId, path.id), getProductTier(orgId, path.serviceId, productTierId)]);
  if (tier.serviceApiId !== api.serviceApiId) throw new NotFound('product tier');
  return tier;
}

/** DescribePendingChanges: the change sets from the last release (or from nothing) to the current definition. */
export async function describePendingChanges(
  caller: Org,
  params: ApiPath,
  query: { productTierId: string },
): Promise<z.input<typeof DescribePendingChangesResult>> {
  const tier = await tierOfApi(caller.orgId, params, query.productTierId);
  const [released, current] = await Promise.all([
    lastReleasedDefinition(caller.orgId, params.serviceId, tier.productTierId),
    loadTierDefinition(caller.orgId, params.serviceId, tier.productTierId),
  ]);
  const resourceChangeSets = diffTierDefinitions(released?.definition, current);
  assertAnswerable(resourceChangeSets);
  return { id: params.id, serviceId: params.serviceId, resourceChangeSets };
}

const tierDefinitionOf = tierDefinitionJson;

/**
 * DiscardPendingChanges: restores the last released definition. A small tier is one transaction. A larger
 * restore commits in ordered chunks (each exact in its counters and conditional on what it read), re-reading
 * the tier before each; it stops with 409 when the tier changed meanwhile (a change record newer than the one
 * the discard began with, or another tier setting) or after DISCARD_TIME_BUDGET_MS, and calling it again
 * finishes it. Nothing pending is lost silently: what is not restored yet stays visible as pending.
 */
export async function discardPendingChanges(caller: Org, params: ApiPath, query: { productTierId: string }): Promise<void> {
  const { orgId } = caller;
  const { serviceId } = params;
  const first = await tierOfApi(orgId, params, query.productTierId);
  const productTierId = first.productTierId;
  const mark = await newestChangeMark(serviceId, productTierId);
  let tierAtStart: string | undefined;
  await applyTierDefinition({
    orgId,
    serviceId,
    productTierId,
    mark,
    budgetMs: DISCARD_TIME_BUDGET_MS,
    partlyDone: PARTLY_DONE,
    desired: async () => {
      const released = await lastReleasedDefinition(orgId, serviceId, productTierId);
      if (!released) throw new InvalidState(`product tier ${first.name} has never been released: there is no released version to restore`);
      return released;
    },
    // A change since the discard began (a newer change record, another tier setting) stops a restore in chunks.
    unchangedSince: async (round, current) => {
      tierAtStart ??= tierDefinitionOf(current.tier);
      return round === 0 || ((await newestChangeMark(serviceId, productTierId)) === mark && tierDefinitionOf(current.tier) === tierAtStart);
    },
  });
}

