/**
 * Rules of tier version sets that need no I/O: version numbering, statuses and what the tier's release state
 * remembers of them, the wire view, and the diff of two snapshots. Type-only imports of entities and schemas.
 */
import type { z } from 'zod';
import { BadRequest, InvalidState } from '#shared/errors.ts';
import { enabledFeatureList, featureFlags } from '#shared/domain/product-tier.ts';
import type {
  ResourceSummaryItem,
  SnapshotResource,
  TierReleaseState,
  VersionRef,
  VersionSetItem,
  VersionSetStatus,
  VersionSetType,
} from '#shared/data/entities/tier-version-set.ts';
import type { ChangeSet, DiffTierVersionSetsResult, TierVersionSet } from '#shared/schemas/tier-version-set.ts';

const NUMBERED = /^(\d+)\.(\d+)$/;

export const EMPTY_RELEASE_STATE: TierReleaseState = { seq: 0, major: 0, minor: 0 };

export interface NextVersion {
  version: string;
  major: number;
  minor: number;
}

/**
 * The version a new set gets: `1.0` first; a Major release the next `<n>.0`, an Incremental one the next
 * minor of the newest major (or of `parent`'s major, with `minorsOfParent` the minors taken there);
 * UserDefined takes the name given, which must not look like a numbered version (those are the numbering's).
 */
export function nextVersion(
  state: TierReleaseState,
  type: VersionSetType,
  name: string | undefined,
  parent?: { major: number; minorsTaken: number[] },
): NextVersion {
  if (type === 'UserDefined') {
    const version = name?.trim() ?? '';
    if (!version) throw new BadRequest('body.name is required for a UserDefined version set: it is the version');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(version)) {
      throw new BadRequest('body.name must be a version of at most 64 letters, digits, ".", "-" and "_" for a UserDefined version set');
    }
    if (NUMBERED.test(version)) throw new BadRequest(`body.name "${version}" looks like a numbered version; those are given to Major and Incremental releases`);
    return { version, major: state.major, minor: state.minor };
  }
  if (state.major === 0) return { version: '1.0', major: 1, minor: 0 };
  if (type === 'Major') return { version: `${state.major + 1}.0`, major: state.major + 1, minor: 0 };
  if (parent && parent.major !== state.major) {
    const minor = Math.max(0, ...parent.minorsTaken) + 1;
    return { version: `${parent.major}.${minor}`, major: state.major, minor: state.minor };
  }
  return { version: `${state.major}.${state.minor + 1}`, major: state.major, minor: state.minor + 1 };
}

/**
 * The version a set copied from another tier keeps (environment promotion mirrors the source's numbering):
 * exactly `version`, with the tier's numbering moved up to it so later releases continue after it.
 */
export function mirroredVersion(state: TierReleaseState, version: string): NextVersion {
  const m = NUMBERED.exec(version);
  if (!m) return { version, major: state.major, minor: state.minor };
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major > state.major) return { version, major, minor };
  if (major === state.major) return { version, major, minor: Math.max(state.minor, minor) };
  return { version, major: state.major, minor: state.minor };
}

/** `2.1` → 2; a user-defined version has no major. */
export function majorOf(version: string): number | undefined {
  const m = NUMBERED.exec(version) ?? /^(\d+)$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

export const minorOf = (version: string): number | undefined => {
  const m = NUMBERED.exec(version);
  return m ? Number(m[2]) : undefined;
};

/** `2.1` → `2.0`; a user-defined version is its own base. */
export function baseVersionOf(version: string): string {
  const major = majorOf(version);
  return major === undefined ? version : `${major}.0`;
}

const isMajor = (version: string) => minorOf(version) === 0;

/**
 * The release state after `set` got `status`: the Preferred pointer, the newest release and the newest
 * released major (with its status) follow it. `released` is true when the set was released just now.
 */
export function stateWithStatus(state: TierReleaseState, set: VersionRef, status: VersionSetStatus, released: boolean): TierReleaseState {
  const next: TierReleaseState = { ...state };
  if (status === 'Preferred') next.preferred = { version: set.version, seq: set.seq };
  else if (state.preferred?.seq === set.seq) delete next.preferred;
  if (released) next.latestReleased = { version: set.version, seq: set.seq };
  if (released && isMajor(set.version) && (!state.latestMajor || (majorOf(set.version) ?? 0) >= (majorOf(state.latestMajor.version) ?? 0))) {
    next.latestMajor = { version: set.version, seq: set.seq, status };
  } else if (state.latestMajor?.seq === set.seq) next.latestMajor = { ...state.latestMajor, status };
  return next;
}

/** What a release asks for: Preferred when asked, otherwise Active. */
export const releasedStatus = (preferred: boolean): VersionSetStatus => (preferred ? 'Preferred' : 'Active');

/** A deprecation is refused for the Preferred version (promote another first) and for one not yet released. */
export function checkDeprecation(set: Pick<VersionSetItem, 'status' | 'tierVersion'>): void {
  if (set.status === 'Preferred') throw new InvalidState(`version set ${set.tierVersion} is the preferred version; promote another version before deprecating it`);
  if (set.status === 'Pending') throw new InvalidState(`version set ${set.tierVersion} is not released yet`);
}

/** A promotion needs a released version that is not deprecated. */
export function checkPromotion(set: Pick<VersionSetItem, 'status' | 'tierVersion'>): void {
  if (set.status === 'Pending') throw new InvalidState(`version set ${set.tierVersion} is not released yet; release it first`);
  if (set.status === 'Deprecated') throw new InvalidState(`version set ${set.tierVersion} is deprecated`);
}

/** The TierVersionSet wire view. */
export function tierVersionSetView(set: VersionSetItem, resources: readonly ResourceSummaryItem[]): z.input<typeof TierVersionSet> {
  return {
    serviceId: set.serviceId,
    productTierId: set.productTierId,
    serviceModelId: set.serviceModelId,
    version: set.tierVersion,
    name: set.name,
    description: set.description,
    type: set.type,
    status: set.status,
    baseVersion: set.baseVersion,
    parentVersion: set.parentVersion,
    autoApproveSubscription: set.tier.autoApproveSubscription ?? false,
    features: featureFlags(set.tier.features),
    enabledFeatures: enabledFeatureList(set.tier.features),
    resources: resources.map((r) => ({
      id: r.resourceId,
      name: r.name,
      description: r.description,
      isExternal: false,
      ...(r.resourceType && r.resourceType !== 'Generic' ? { managedResourceType: r.resourceType } : {}),
    })),
    instanceCount: set.instanceCount ?? 0,
    createdAt: set.createdAt,
    createdBy: set.createdBy,
    updatedAt: set.updatedAt,
    releasedAt: set.releasedAt,
    releasedBy: set.releasedBy,
  };
}

// ------------------------------------------------------------------------------------------------- diff

type Change = { name: string; changeType: string; attributes: Record<string, string> };

/** Attributes of a stored item that are bookkeeping, not definition. */
const BOOKKEEPING = new Set(['pk', 'sk', 'version', 'createdAt', 'updatedAt', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'referencedBy', 'parameterReferences', 'inputParameterCount', 'outputParameterCount', 'fileCount', 'blobKey', 'uploadTime', 'uploadedBy']);

function definitionOf(item: object): string {
  const entries = Object.entries(item).filter(([k]) => !BOOKKEEPING.has(k));
  entries.sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/** The differing top-level fields of two versions of one item, sorted by name. */
function changedFields(a: object, b: object): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !BOOKKEEPING.has(k)).sort();
  return keys.filter((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
}

interface Child {
  id: string;
  name: string;
  item: object;
  /** Size and content type tell a file's content apart (its bytes are not compared). */
  extra?: string;
}

function childChanges(before: readonly Child[], after: readonly Child[], idField: string): { status: string; changes: Change[] } {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  const changes: Change[] = [];
  for (const c of after) {
    const o = old.get(c.id);
    if (!o) changes.push({ name: c.name, changeType: 'PENDING_NEW', attributes: { [idField]: c.id } });
    else if (definitionOf(o.item) !== definitionOf(c.item) || o.extra !== c.extra) changes.push({ name: c.name, changeType: 'PENDING_UPDATE', attributes: { [idField]: c.id } });
  }
  for (const o of before) if (!now.has(o.id)) changes.push({ name: o.name, changeType: 'PENDING_DELETE', attributes: { [idField]: o.id } });
  return { status: changes.length ? 'PENDING_UPDATE' : 'ACTIVE', changes };
}

const params = (ps: readonly { parameterId?: string; key?: string; name?: string }[]) =>
  ps.map((p) => ({ id: p.parameterId ?? '', name: p.name || p.key || '', item: p }));
const files = (fs: readonly { fileId: string; name: string; size: number; contentType: string; uploadTime: string }[]) =>
  fs.map((f) => ({ id: f.fileId, name: f.name, item: f, extra: `${f.size}|${f.contentType}|${f.uploadTime}` }));

/**
 * Resource by resource, how `to` differs from `from`: a resource only in `to` is PENDING_NEW, only in `from`
 * PENDING_DELETE, newly deprecated PENDING_DEPRECATE, changed PENDING_UPDATE, unchanged ACTIVE. Each change set
 * lists its changes by category (resource fields, input parameters, output parameters, files).
 */
export function diffSnapshots(
  from: readonly SnapshotResource[],
  to: readonly SnapshotResource[],
  tierFeaturesChanged: boolean,
): z.input<typeof DiffTierVersionSetsResult>['resourceChangeSets'] {
  const out: Record<string, z.input<typeof ChangeSet>> = {};
  const before = new Map(from.map((r) => [r.resource.resourceId, r]));
  const after = new Map(to.map((r) => [r.resource.resourceId, r]));
  const features = tierFeaturesChanged ? 'PENDING_UPDATE' : 'ACTIVE';
  for (const r of to) {
    const o = before.get(r.resource.resourceId);
    const id = r.resource.resourceId;
    if (!o) {
      out[id] = { resourceName: r.resource.name, overallResourceStatus: 'PENDING_NEW', resourceChanges: 'PENDING_NEW', productTierFeatureChanges: features, categorizedResourceChanges: {} };
      continue;
    }
    const fields = changedFields(o.resource, r.resource);
    const categories = {
      resource: {
        status: fields.length ? 'PENDING_UPDATE' : 'ACTIVE',
        changes: fields.map((f) => ({ name: f, changeType: 'PENDING_UPDATE', attributes: { resourceId: id } })),
      },
      inputParameters: childChanges(params(o.inputParameters), params(r.inputParameters), 'parameterId'),
      outputParameters: childChanges(params(o.outputParameters), params(r.outputParameters), 'parameterId'),
      files: childChanges(files(o.files), files(r.files), 'fileId'),
    };
    const changed = Object.values(categories).some((c) => c.status !== 'ACTIVE');
    const deprecatedNow = !o.resource.isDeprecated && r.resource.isDeprecated;
    const status = deprecatedNow ? 'PENDING_DEPRECATE' : changed ? 'PENDING_UPDATE' : 'ACTIVE';
    out[id] = {
      resourceName: r.resource.name,
      overallResourceStatus: status,
      resourceChanges: deprecatedNow ? 'PENDING_DEPRECATE' : fields.length ? 'PENDING_UPDATE' : 'ACTIVE',
      productTierFeatureChanges: features,
      categorizedResourceChanges: categories,
    };
  }
  for (const o of from) {
    if (after.has(o.resource.resourceId)) continue;
    out[o.resource.resourceId] = {
      resourceName: o.resource.name,
      overallResourceStatus: 'PENDING_DELETE',
      resourceChanges: 'PENDING_DELETE',
      productTierFeatureChanges: features,
      categorizedResourceChanges: {},
    };
  }
  return out;
}
