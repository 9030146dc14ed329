/**
 * Pending changes of a product tier: what differs between the definition released last and the current one,
 * as the per-resource change sets of DescribePendingChanges (and of any other diff of two definitions).
 *
 * Pure: both definitions are given (items as stored). What is compared is what describes show (the views),
 * so bookkeeping (versions, counters, referrers) never shows up as a change and credentials are never shown.
 * The answer is deterministic: resources in creation order (removed ones after, in their released order),
 * every value rendered as JSON with sorted keys.
 */
import type { z } from 'zod';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { ResourceItem } from '#shared/data/entities/resource.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';
import type { PendingChange, ResourceChangeSet } from '#shared/schemas/service-api.ts';
import { InvalidState } from '#shared/errors.ts';
import { resourceView } from '#shared/domain/resources.ts';
import { inputParameterView, outputParameterView } from '#shared/domain/parameters.ts';
import { fileView } from '#shared/domain/resource-files.ts';
import { productTierView } from '#shared/domain/product-tier.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';

/** A tier's definition as `loadTierDefinition` (and a release snapshot) holds it. */
export interface DefinitionOfTier {
  tier: ProductTierItem;
  resources: {
    resource: ResourceItem;
    inputParameters: InputParameterItem[];
    outputParameters: OutputParameterItem[];
    files: FileItem[];
  }[];
}

export type ChangeState = 'PENDING_NEW' | 'PENDING_UPDATE' | 'PENDING_DELETE' | 'PENDING_DEPRECATE' | 'ACTIVE';
type Change = z.input<typeof PendingChange>;
type ChangeSet = z.input<typeof ResourceChangeSet>;

/** Longest rendering of one old or new value; longer ones are cut with a note of what was left out. */
export const MAX_VALUE_CHARS = 1024;
/** Largest DescribePendingChanges answer (JSON bytes): under Lambda's 6 MB response with room for the envelope. */
export const MAX_PENDING_CHANGES_BYTES = 5 * 1024 * 1024;

/** The categories of a change set, in the order they are shown. */
export const CATEGORIES = [
  'productTier',
  'productTierFeatures',
  'resource',
  'actionHooks',
  'capabilities',
  'environmentVariables',
  'inputParameters',
  'outputParameters',
  'files',
] as const;
export type Category = (typeof CATEGORIES)[number];

// ---------------------------------------------------------------------------------------- rendering

/** A value as a change attribute: canonical JSON, cut at MAX_VALUE_CHARS. */
export function shown(value: unknown): string {
  const s = canonicalJson(value);
  return s.length <= MAX_VALUE_CHARS ? s : `${s.slice(0, MAX_VALUE_CHARS)}… (${s.length - MAX_VALUE_CHARS} more characters)`;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

// ------------------------------------------------------------------------------------- keyed diffs

interface Keyed<T> {
  id: (t: T) => string;
  /** The change's `name`: what a person recognizes it by (a key, a mount path). */
  label: (t: T) => string;
  view: (t: T) => Record<string, unknown>;
  /** Attributes every change of the item carries (its ids). */
  attributes: (t: T) => Record<string, string>;
}

/**
 * New, removed and changed items of one collection: a new one shows its value, a removed one its last value,
 * a changed one only the fields that changed, old and new. Current order first, then what was removed.
 */
export function keyedChanges<T>(before: readonly T[], after: readonly T[], k: Keyed<T>): Change[] {
  const old = new Map(before.map((t) => [k.id(t), t]));
  const now = new Map(after.map((t) => [k.id(t), t]));
  const changes: Change[] = [];
  for (const [id, a] of now) {
    const b = old.get(id);
    if (b === undefined) {
      changes.push({ name: k.label(a), changeType: 'PENDING_NEW', attributes: { ...k.attributes(a), new: shown(k.view(a)) } });
      continue;
    }
    const fields = changedFields(k.view(b), k.view(a));
    if (fields.length) changes.push(updateChange(k.label(a), k.attributes(a), k.view(b), k.view(a), fields));
  }
  for (const [id, b] of old) {
    if (!now.has(id)) changes.push({ name: k.label(b), changeType: 'PENDING_DELETE', attributes: { ...k.attributes(b), old: shown(k.view(b)) } });
  }
  return changes;
}

/** Fields whose values differ (a field present on one side only counts), sorted. */
export function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !same(a[f], b[f])).sort();
}

function updateChange(name: string, attributes: Record<string, string>, a: Record<string, unknown>, b: Record<string, unknown>, fields: string[]): Change {
  const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.filter((f) => o[f] !== undefined).map((f) => [f, o[f]]));
  return { name, changeType: 'PENDING_UPDATE', attributes: { ...attributes, changed: fields.join(','), old: shown(pick(a)), new: shown(pick(b)) } };
}

/** One change per field of an entity that exists on both sides (the resource's own settings, the tier's). */
function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, attributes: Record<string, string>): Change[] {
  return changedFields(a, b).map((f) => {
    const attrs: Record<string, string> = { ...attributes };
    if (a[f] !== undefined) attrs.old = shown(a[f]);
    if (b[f] !== undefined) attrs.new = shown(b[f]);
    const changeType: ChangeState = a[f] === undefined ? 'PENDING_NEW' : b[f] === undefined ? 'PENDING_DELETE' : 'PENDING_UPDATE';
    return { name: f, changeType, attributes: attrs };
  });
}

// ---------------------------------------------------------------------------------- the views compared

type ResourceDef = DefinitionOfTier['resources'][number];

/** A resource's own settings as describe shows them (its hooks, capabilities and variables are categories). */
export function resourceSettings(r: ResourceItem): Record<string, unknown> {
  const { id: _i, serviceId: _s, productTierId: _t, actionHooks: _h, capabilities: _c, environmentVariables: _e, ...rest } = resourceView(r) as Record<string, unknown>;
  return { ...rest, ...(r.metricsConfig ? { metricsConfig: r.metricsConfig } : {}) };
}

/** A tier's own settings as describe shows them (features are their own category). */
export function tierSettings(t: ProductTierItem): Record<string, unknown> {
  const { id: _i, serviceId: _s, serviceModelId: _m, features: _f, enabledFeatures: _e, apiGroups: _a, cloudProvidersConfigReadiness: _c, ...rest } =
    productTierView(t) as Record<string, unknown>;
  return rest;
}

interface Feature {
  feature: string;
  scope: string;
  configuration: Record<string, unknown>;
}
const featuresOf = (t: ProductTierItem | undefined): Feature[] =>
  Object.keys(t?.features ?? {})
    .sort()
    .map((feature) => ({ feature, scope: t!.features[feature].scope ?? '', configuration: t!.features[feature].configuration ?? {} }));

/** The categories of one resource's change set with at least one change. */
function resourceCategories(b: ResourceDef | undefined, a: ResourceDef | undefined): Partial<Record<Category, Change[]>> {
  const r = (a ?? b)!.resource;
  const ids = { resourceId: r.resourceId };
  const own: Change[] =
    b && a
      ? fieldChanges(resourceSettings(b.resource), resourceSettings(a.resource), ids)
      : a
        ? [{ name: r.key, changeType: 'PENDING_NEW', attributes: { ...ids, new: shown(resourceSettings(r)) } }]
        : [{ name: r.key, changeType: 'PENDING_DELETE', attributes: { ...ids, old: shown(resourceSettings(r)) } }];
  const rb = b?.resource;
  const ra = a?.resource;
  return {
    resource: own,
    actionHooks: keyedChanges(rb?.actionHooks ?? [], ra?.actionHooks ?? [], {
      id: (h) => `${h.scope}/${h.type}`,
      label: (h) => `${h.scope}/${h.type}`,
      view: (h) => ({ ...h }),
      attributes: () => ids,
    }),
    capabilities: keyedChanges(rb?.capabilities ?? [], ra?.capabilities ?? [], {
      id: (c) => c.capability,
      label: (c) => c.capability,
      view: (c) => ({ ...c }),
      attributes: () => ids,
    }),
    environmentVariables: keyedChanges(rb?.environmentVariables ?? [], ra?.environmentVariables ?? [], {
      id: (e) => e.key,
      label: (e) => e.key,
      view: (e) => ({ ...e }),
      attributes: () => ids,
    }),
    inputParameters: keyedChanges(b?.inputParameters ?? [], a?.inputParameters ?? [], {
      id: (p) => p.parameterId,
      label: (p) => p.key,
      view: (p) => inputParameterView(p),
      attributes: (p) => ({ ...ids, parameterId: p.parameterId }),
    }),
    outputParameters: keyedChanges(b?.outputParameters ?? [], a?.outputParameters ?? [], {
      id: (p) => p.parameterId,
      label: (p) => p.key,
      view: (p) => outputParameterView(p),
      attributes: (p) => ({ ...ids, parameterId: p.parameterId }),
    }),
    files: keyedChanges(b?.files ?? [], a?.files ?? [], {
      id: (f) => f.fileId,
      label: (f) => f.mountPath,
      view: (f) => fileView(f),
      attributes: (f) => ({ ...ids, fileId: f.fileId }),
    }),
  };
}

function changeSet(name: string, resourceChanges: ChangeState, categories: Partial<Record<Category, Change[]>>, extra: Partial<ChangeSet> = {}): ChangeSet | undefined {
  const categorized: Record<string, { changes: Change[]; status: string }> = {};
  for (const c of CATEGORIES) {
    const changes = categories[c];
    if (changes?.length) categorized[c] = { changes, status: 'PENDING_CHANGE' };
  }
  if (!Object.keys(categorized).length) return undefined;
  return { resourceName: name, resourceChanges, overallResourceStatus: 'PENDING_CHANGE', ...extra, categorizedResourceChanges: categorized };
}

function resourceState(b: ResourceDef | undefined, a: ResourceDef | undefined, own: Change[]): ChangeState {
  if (!b) return 'PENDING_NEW';
  if (!a) return 'PENDING_DELETE';
  if (!b.resource.isDeprecated && a.resource.isDeprecated) return 'PENDING_DEPRECATE';
  return own.length ? 'PENDING_UPDATE' : 'ACTIVE';
}

/**
 * The change sets from `released` (undefined before any release: everything is new) to `current`, keyed by
 * resource id; the tier's own settings and features come first, keyed by the tier's id. Only what changed is
 * listed: equal definitions answer `{}`.
 */
export function diffTierDefinitions(released: DefinitionOfTier | undefined, current: DefinitionOfTier): Record<string, ChangeSet> {
  const sets: Record<string, ChangeSet> = {};
  const t = current.tier;
  const bt = released?.tier;
  const tierIds = { productTierId: t.productTierId };
  const settings = bt
    ? fieldChanges(tierSettings(bt), tierSettings(t), tierIds)
    : [{ name: t.key, changeType: 'PENDING_NEW' as const, attributes: { ...tierIds, new: shown(tierSettings(t)) } }];
  const features = keyedChanges(featuresOf(bt), featuresOf(t), {
    id: (f) => f.feature,
    label: (f) => f.feature,
    view: (f) => ({ scope: f.scope, configuration: f.configuration }),
    attributes: () => tierIds,
  });
  const tierSet = changeSet(t.name, bt ? (settings.length ? 'PENDING_UPDATE' : 'ACTIVE') : 'PENDING_NEW', { productTier: settings, productTierFeatures: features }, {
    productTierFeatureChanges: !features.length ? 'ACTIVE' : bt ? 'PENDING_UPDATE' : 'PENDING_NEW',
  });
  if (tierSet) sets[t.productTierId] = tierSet;

  const before = new Map((released?.resources ?? []).map((d) => [d.resource.resourceId, d]));
  const now = new Map(current.resources.map((d) => [d.resource.resourceId, d]));
  const ids = [...now.keys(), ...[...before.keys()].filter((id) => !now.has(id))];
  for (const id of ids) {
    const b = before.get(id);
    const a = now.get(id);
    const categories = resourceCategories(b, a);
    const set = changeSet((a ?? b)!.resource.name, resourceState(b, a, b && a ? categories.resource! : []), categories);
    if (set) sets[id] = set;
  }
  return sets;
}

/** 409 when the change sets are too large for one answer (docs/limits.md); release or discard them first. */
export function assertAnswerable(sets: Record<string, ChangeSet>, maxBytes = MAX_PENDING_CHANGES_BYTES): void {
  const bytes = Buffer.byteLength(JSON.stringify(sets));
  if (bytes > maxBytes) {
    const count = Object.values(sets).reduce((n, s) => n + Object.values(s.categorizedResourceChanges as Record<string, { changes: unknown[] }>).reduce((m, c) => m + c.changes.length, 0), 0);
    throw new InvalidState(
      `the plan's ${count} pending changes take ${Math.ceil(bytes / 1024)} KB, more than the ${maxBytes / 1024} KB one answer holds; release or discard them`,
    );
  }
}
