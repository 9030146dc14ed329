/**
 * Use cases of service-offering-api (ListServiceOffering, DescribeServiceOffering,
 * DescribeServiceOfferingResource) and `offeredVersion`, THE rule of what a customer may subscribe to or
 * create on: a plan's Preferred version, else its latest Active one; never a Deprecated or Pending one.
 */
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { releaseStateOf, versionSetBySeq, versionSetPage, type VersionSetItem } from '#shared/data/entities/tier-version-set.ts';
import { NotFound } from '#shared/errors.ts';

const OFFERABLE = new Set(['Preferred', 'Active']);

/** Version sets read per page while looking for the newest Active one behind deprecated ones. */
const SCAN_PAGE = 25;

async function header(tier: ProductTierItem, seq: number): Promise<VersionSetItem | undefined> {
  try {
    return await versionSetBySeq(tier.orgId, tier.serviceId, tier.productTierId, seq);
  } catch (e) {
    if (e instanceof NotFound) return undefined;
    throw e;
  }
}

/**
 * The version of `tier` a customer is offered: its Preferred version, else its latest Active one, else
 * undefined (never released, every version deprecated, or the plan disabled). Reads one header in the usual
 * case (the tier's release state names the Preferred and the latest released version); only when the latest
 * released version has since been deprecated does it page back (newest first) to the newest Active one.
 */
export async function offeredVersion(tier: ProductTierItem): Promise<VersionSetItem | undefined> {
  if (tier.isDisabled) return undefined;
  const state = releaseStateOf(tier);
  if (!state) return undefined;
  for (const ref of [state.preferred, state.latestReleased]) {
    if (!ref) continue;
    const set = await header(tier, ref.seq);
    if (set?.status === 'Preferred' || (set?.status === 'Active' && !state.preferred)) return set;
  }
  // No Preferred, and the latest released is not Active: the newest Active one, newest first.
  let pageToken: string | undefined;
  do {
    const page = await versionSetPage(tier.serviceId, tier.productTierId, SCAN_PAGE, pageToken);
    const found = page.items.find((s) => s.entity === 'tierVersionSet' && s.orgId === tier.orgId && s.status === 'Active');
    if (found) return found;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return undefined;
}

export const isOffered = (set: Pick<VersionSetItem, 'status'> | undefined): boolean => set !== undefined && OFFERABLE.has(set.status);
