/**
 * Use cases of service-offering-api (ListServiceOffering, DescribeServiceOffering,
 * DescribeServiceOfferingResource) and `offeredVersion`, THE rule of what a customer may subscribe to or
 * create on: a plan's Preferred version, else its latest Active one; never a Deprecated or Pending one.
 */
import { providerOrgOf, type Caller } from '#shared/auth/caller.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import {
  releaseStateOf,
  snapshotIndex,
  snapshotResource,
  snapshotResourceHead,
  versionSetBySeq,
  versionSetPage,
  type ResourceSummaryItem,
  type VersionSetItem,
} from '#shared/data/entities/tier-version-set.ts';
import { readServiceOverview, servicesPage, type ServiceOverview } from '#shared/data/entities/service.ts';
import { getEnvironment, type EnvironmentType, type Visibility } from '#shared/data/entities/environment.ts';
import { getServiceApi, type ServiceApiItem } from '#shared/data/entities/service-api.ts';
import { findResource } from '#shared/data/entities/resource.ts';
import { getProviderProfile } from '#shared/data/entities/org.ts';
import { MAX_PAGE_SIZE } from '#shared/data/page-token.ts';
import { inScope, offeringScope, resourceApisView, serviceOfferingView, type OfferingParts, type OfferingScope } from '#shared/domain/service-offering.ts';

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

type Who = Pick<Caller, 'orgId' | 'customer'>;

export interface OfferingQuery {
  environmentType?: EnvironmentType;
  visibility?: Visibility;
}

/** Services whose offerings are read at a time. */
const SERVICE_WIDTH = 8;

/** The largest ListServiceOffering answer (JSON), under Lambda's 6 MB response. */
export const MAX_OFFERINGS_BYTES = 5_000_000;

/** The released resources of a version, each with its URL key (snapshots older than the key in the index read it from the resource's first part). */
async function releasedResources(version: VersionSetItem): Promise<(ResourceSummaryItem & { key: string })[]> {
  const summaries = await snapshotIndex(version);
  return Promise.all(
    summaries.map(async (r) => {
      if (r.key !== undefined) return { ...r, key: r.key };
      const head = await snapshotResourceHead(version, r.resourceId);
      return { ...r, key: head?.key ?? '' };
    }),
  );
}

/**
 * The offerings of one service: its overview (one Query: the service, environments, models, tiers), then, for
 * each tier of an environment in scope only, the offered version's header, its resource index and the API of
 * its environment. Nothing of other environments' plans, and never a resource's parameters.
 */
async function offeringsOf(overview: ServiceOverview, scope: OfferingScope): Promise<OfferingParts[]> {
  const environments = new Map(overview.environments.filter((e) => inScope(e, scope)).map((e) => [e.environmentId, e]));
  const tiers = overview.tiers.filter((t) => environments.has(t.environmentId));
  if (!tiers.length) return [];
  const versions = await Promise.all(tiers.map((t) => offeredVersion(t)));
  const offered = tiers.map((t, i) => ({ tier: t, version: versions[i] })).filter((o): o is { tier: ProductTierItem; version: VersionSetItem } => o.version !== undefined);
  const apiIds = [...new Set(offered.map((o) => o.tier.serviceApiId))];
  const { orgId, serviceId } = overview.service;
  const apis = new Map<string, ServiceApiItem>();
  await Promise.all(
    apiIds.map(async (id) => {
      const api = await getServiceApi(orgId, serviceId, id).catch((e: unknown) => (e instanceof NotFound ? undefined : Promise.reject(e)));
      if (api) apis.set(id, api);
    }),
  );
  const models = new Map(overview.models.map((m) => [m.serviceModelId, m]));
  const parts = await Promise.all(
    offered.map(async ({ tier, version }): Promise<OfferingParts | undefined> => {
      const api = apis.get(tier.serviceApiId);
      const model = models.get(tier.serviceModelId);
      if (!api || !model) return undefined;
      return { service: overview.service, environment: environments.get(tier.environmentId)!, api, model, version, resources: await releasedResources(version) };
    }),
  );
  return parts.filter((p) => p !== undefined);
}

const overviewOrNothing = (orgId: string, serviceId: string) =>
  readServiceOverview(orgId, serviceId).catch((e: unknown) => (e instanceof NotFound ? undefined : Promise.reject(e)));

/**
 * ListServiceOffering: every service of the provider with something offered in scope. The provider's
 * services are read in full (bounded by its services-per-org limit, docs/limits.md), each as in
 * `offeringsOf`. An answer over MAX_OFFERINGS_BYTES is refused (409) rather than cut.
 */
export async function listServiceOffering(caller: Who, query: OfferingQuery) {
  const scope = offeringScope(caller, query);
  if (!scope) return { serviceIds: [], services: [] };
  const orgId = providerOrgOf(caller);
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await servicesPage(orgId, MAX_PAGE_SIZE, token);
    ids.push(...page.items.map((s) => s.serviceId));
    token = page.nextPageToken;
  } while (token);
  const provider = await getProviderProfile(orgId);
  const services: ReturnType<typeof serviceOfferingView>[] = [];
  for (let i = 0; i < ids.length; i += SERVICE_WIDTH) {
    const batch = await Promise.all(
      ids.slice(i, i + SERVICE_WIDTH).map(async (id) => {
        const overview = await overviewOrNothing(orgId, id);
        if (!overview) return undefined;
        const offerings = await offeringsOf(overview, scope);
        return offerings.length ? serviceOfferingView(overview.service, provider, offerings) : undefined;
      }),
    );
    services.push(...batch.filter((s) => s !== undefined));
  }
  const answer = { serviceIds: services.map((s) => s.serviceId), services };
  const bytes = Buffer.byteLength(JSON.stringify(answer));
  if (bytes > MAX_OFFERINGS_BYTES) {
    throw new InvalidState(`the offerings are ${Math.ceil(bytes / 1e6)} MB, over the ${MAX_OFFERINGS_BYTES / 1e6} MB one answer may hold; ask for one environmentType or describe one service at a time`);
  }
  return answer;
}

/** DescribeServiceOffering: one service's offerings in scope; 404 for a customer when it offers nothing there. */
export async function describeServiceOffering(caller: Who, serviceId: string, query: OfferingQuery) {
  const scope = offeringScope(caller, query);
  const orgId = providerOrgOf(caller);
  const [overview, provider] = await Promise.all([readServiceOverview(orgId, serviceId), getProviderProfile(orgId)]);
  const offerings = scope ? await offeringsOf(overview, scope) : [];
  if (caller.customer && !offerings.length) throw new NotFound('service offering');
  return serviceOfferingView(overview.service, provider, offerings);
}

/**
 * DescribeServiceOfferingResource: the APIs of a resource as its plan's offered version released it. The
 * instance id is `none` for a new instance (instances come with the next issue: any other id is 404).
 */
export async function describeServiceOfferingResource(caller: Who, serviceId: string, resourceId: string, instanceId: string) {
  if (instanceId.toLowerCase() !== 'none') throw new NotFound('resource instance');
  const scope = offeringScope(caller, {});
  const orgId = providerOrgOf(caller);
  const current = await findResource(serviceId, resourceId);
  if (!current || current.orgId !== orgId || !scope) throw new NotFound('resource');
  const [tier, environment] = await Promise.all([getProductTier(orgId, serviceId, current.productTierId), getEnvironment(orgId, serviceId, current.environmentId)]);
  if (!inScope(environment, { ...scope, visibility: caller.customer ? 'PUBLIC' : environment.visibility })) throw new NotFound('resource');
  const version = await offeredVersion(tier);
  if (!version) throw new NotFound('service offering');
  const released = await snapshotResource(version, resourceId);
  if (!released) throw new NotFound('resource');
  return resourceApisView(released.inputParameters, released.outputParameters);
}
