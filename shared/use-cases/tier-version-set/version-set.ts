/**
 * The tier-version-set operations (docs/decisions/005): ListTierVersionSets, CreateTierVersionSet,
 * DescribeTierVersionSet, DeprecateTierVersionSet, DiffTierVersionSets, PromoteTierVersionSet,
 * ReleaseTierVersionSet. Releases go through `releaseTierVersion` (release.ts); status changes write the set,
 * the previous Preferred one and the tier's release state in one transaction conditional on what was read.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { BadRequest, InvalidState } from '#shared/errors.ts';
import { getProductTier } from '#shared/data/entities/product-tier.ts';
import {
  getVersionSet,
  releaseStateOf,
  snapshotIndex,
  versionSetBySeq,
  versionSetPage,
  versionsStartingWith,
  type VersionSetItem,
  type VersionSetStatus,
} from '#shared/data/entities/tier-version-set.ts';
import { checkDeprecation, checkPromotion, diffSnapshots, majorOf, minorOf, releasedStatus, tierVersionSetView } from '#shared/domain/tier-version-set.ts';
import type {
  CreateTierVersionSetRequest,
  DiffTierVersionSetsResult,
  ListTierVersionSetsQuery,
  ListTierVersionSetsResult,
  ReleaseTierVersionSetRequest,
} from '#shared/schemas/tier-version-set.ts';
import { releasedDefinition, releaseTierVersion, statusPuts, type TierVersionSetView } from '#shared/use-cases/tier-version-set/release.ts';

type Org = Pick<Caller, 'orgId'>;
type Who = Pick<Caller, 'orgId' | 'userId' | 'email'>;
interface TierPath {
  serviceId: string;
  productTierId: string;
}
interface VersionPath extends TierPath {
  version: string;
}

async function viewOf(set: VersionSetItem): Promise<TierVersionSetView> {
  return tierVersionSetView(set, await snapshotIndex(set));
}

/**
 * ListTierVersionSets: newest first, one signed page of the tier's headers; or only the newest released
 * `<n>.0` (`latestMajorVersionOnly`), or only the newest `<major>.<n>` (`latestIncrementalVersionForMajorVersion`).
 */
export async function listTierVersionSets(
  caller: Org,
  params: TierPath,
  query: z.output<typeof ListTierVersionSetsQuery>,
): Promise<z.input<typeof ListTierVersionSetsResult>> {
  const tier = await getProductTier(caller.orgId, params.serviceId, params.productTierId);
  const one = async (seq: number | undefined) => ({ tierVersionSets: seq === undefined ? [] : [await viewOf(await versionSetBySeq(caller.orgId, tier.serviceId, tier.productTierId, seq))] });
  if (query.latestMajorVersionOnly && query.latestIncrementalVersionForMajorVersion) {
    throw new BadRequest('latestMajorVersionOnly and latestIncrementalVersionForMajorVersion must be given one at a time');
  }
  if (query.latestMajorVersionOnly) return one(releaseStateOf(tier)?.latestMajor?.seq);
  if (query.latestIncrementalVersionForMajorVersion !== undefined) {
    const major = majorOf(query.latestIncrementalVersionForMajorVersion.trim());
    if (major === undefined) throw new BadRequest('latestIncrementalVersionForMajorVersion must be a major version such as 2 or 2.0');
    const versions = await versionsStartingWith(tier.serviceId, tier.productTierId, `${major}.`);
    const newest = versions.filter((v) => minorOf(v.version) !== undefined).sort((a, b) => minorOf(b.version)! - minorOf(a.version)!)[0];
    return one(newest?.seq);
  }
  const page = await versionSetPage(tier.serviceId, tier.productTierId, query.pageSize, query.nextPageToken);
  const sets = page.items.filter((s) => s.entity === 'tierVersionSet' && s.orgId === caller.orgId);
  return { tierVersionSets: await Promise.all(sets.map(viewOf)), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
}

/** CreateTierVersionSet: a Pending version set of the current definition, released later by ReleaseTierVersionSet. */
export async function createTierVersionSet(caller: Who, params: TierPath, body: z.output<typeof CreateTierVersionSetRequest>): Promise<{ version: string }> {
  const set = await releaseTierVersion(caller, {
    ...params,
    type: body.type,
    name: body.name,
    description: body.description,
    parentVersion: body.parentVersion,
    preferred: false,
    dryRun: false,
    pending: true,
  });
  return { version: set.version };
}

export async function describeTierVersionSet(caller: Org, params: VersionPath): Promise<TierVersionSetView> {
  const [set] = await Promise.all([getVersionSet(caller.orgId, params.serviceId, params.productTierId, params.version), getProductTier(caller.orgId, params.serviceId, params.productTierId)]);
  return viewOf(set);
}

/**
 * Gives a version set a new status in one transaction with the tier (whose version every status change and
 * release moves: two changes racing for the Preferred slot cannot both commit). `decide` answers the status
 * and changes, or undefined for "nothing to do".
 */
function changeStatus(
  caller: Org,
  params: VersionPath,
  decide: (set: VersionSetItem) => { status: VersionSetStatus; released: boolean; changes?: Partial<VersionSetItem> } | undefined,
): Promise<TierVersionSetView> {
  return withRetry(async () => {
    const tier = await getProductTier(caller.orgId, params.serviceId, params.productTierId);
    const set = await getVersionSet(caller.orgId, params.serviceId, params.productTierId, params.version);
    const decision = decide(set);
    if (!decision) return viewOf(set);
    const { puts, next } = await statusPuts(tier, set, decision.status, {
      released: decision.released,
      changes: decision.changes,
      mark: decision.released ? set.changeMark : undefined,
    });
    await commit({ puts });
    return viewOf(next);
  });
}

/** DeprecateTierVersionSet: refused for the Preferred version and for a Pending one (409); twice is a no-op. */
export function deprecateTierVersionSet(caller: Org, params: VersionPath): Promise<TierVersionSetView> {
  return changeStatus(caller, params, (set) => {
    if (set.status === 'Deprecated') return undefined;
    checkDeprecation(set);
    return { status: 'Deprecated', released: false };
  });
}

/** PromoteTierVersionSet: the version becomes Preferred and the previous Preferred one Active, atomically. */
export function promoteTierVersionSet(caller: Org, params: VersionPath): Promise<TierVersionSetView> {
  return changeStatus(caller, params, (set) => {
    if (set.status === 'Preferred') return undefined;
    checkPromotion(set);
    return { status: 'Preferred', released: false };
  });
}

/**
 * ReleaseTierVersionSet: releases a Pending version set (Preferred when asked, else Active); the tier's
 * pending-changes mark moves to what the set's snapshot took up. A version already released is answered as
 * it is (promoted when `isPreferred`, renamed when `name` is given); a deprecated one is 409.
 */
export function releaseTierVersionSet(caller: Who, params: VersionPath, body: z.output<typeof ReleaseTierVersionSetRequest>): Promise<TierVersionSetView> {
  const name = body.name?.trim();
  return changeStatus(caller, params, (set) => {
    if (set.status === 'Deprecated') throw new InvalidState(`version set ${set.tierVersion} is deprecated`);
    const renamed = name !== undefined && name !== set.name && set.type !== 'UserDefined' ? { name } : {};
    if (set.status === 'Pending') {
      return { status: releasedStatus(body.isPreferred ?? false), released: true, changes: { ...renamed, releasedAt: new Date().toISOString(), releasedBy: caller.email } };
    }
    if (body.isPreferred && set.status !== 'Preferred') return { status: 'Preferred', released: false, changes: renamed };
    return Object.keys(renamed).length ? { status: set.status, released: false, changes: renamed } : undefined;
  });
}

/** DiffTierVersionSets: resource by resource, how `anotherVersion` differs from `version`. */
export async function diffTierVersionSets(caller: Org, params: VersionPath & { anotherVersion: string }): Promise<z.input<typeof DiffTierVersionSetsResult>> {
  const [from, to] = await Promise.all([
    releasedDefinition(caller.orgId, params.serviceId, params.productTierId, params.version),
    releasedDefinition(caller.orgId, params.serviceId, params.productTierId, params.anotherVersion),
  ]);
  const featuresChanged = JSON.stringify(from.definition.tier.features ?? {}) !== JSON.stringify(to.definition.tier.features ?? {});
  return {
    serviceId: params.serviceId,
    productTierId: params.productTierId,
    version: params.version,
    anotherVersion: params.anotherVersion,
    resourceChangeSets: diffSnapshots(from.definition.resources, to.definition.resources, featuresChanged),
  };
}
