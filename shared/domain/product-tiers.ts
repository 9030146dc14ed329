/**
 * Rules of product tiers (plans) that need no I/O: the features a tier stores and how they read on the wire,
 * region lists, and what a tier copy carries over.
 */
import { TIER_TYPES, type TierType } from '#shared/domain/service-models.ts';

export { TIER_TYPES, type TierType };

/** One enabled feature as stored: its optional scope (e.g. INTERNAL) and its configuration. */
export interface TierFeature {
  /** '' when the caller gave none. */
  scope: string;
  configuration: Record<string, unknown>;
}

/** One entry of the wire's `enabledFeatures[]`. */
export interface TierFeatureDetail {
  feature: string;
  configuration: Record<string, unknown>;
  scope?: string;
}

export function normalizeScope(scope: string | undefined): string {
  return (scope ?? '').trim().toUpperCase();
}

/** Enabling a feature that is already enabled replaces its scope and configuration. */
export function withFeatureEnabled(
  features: Record<string, TierFeature> | undefined,
  feature: string,
  configuration: Record<string, unknown> | undefined,
  scope: string | undefined,
): Record<string, TierFeature> {
  return { ...features, [feature.trim()]: { scope: normalizeScope(scope), configuration: configuration ?? {} } };
}

/**
 * The features left after disabling one, or undefined when it is not enabled (or enabled with another
 * scope than the one named) — the caller answers 404 then.
 */
export function withFeatureDisabled(
  features: Record<string, TierFeature> | undefined,
  feature: string,
  scope: string | undefined,
): Record<string, TierFeature> | undefined {
  const name = feature.trim();
  if (!features || !Object.hasOwn(features, name)) return undefined;
  const current = features[name];
  const wanted = normalizeScope(scope);
  if (wanted && current.scope && wanted !== current.scope) return undefined;
  const rest = { ...features };
  delete rest[name];
  return rest;
}

/** `enabledFeatures` on the wire, sorted by name so describe output is deterministic. */
export function enabledFeatureList(features: Record<string, TierFeature> | undefined): TierFeatureDetail[] {
  return Object.keys(features ?? {})
    .sort()
    .map((feature) => {
      const f = features![feature];
      return { feature, configuration: f?.configuration ?? {}, ...(f?.scope ? { scope: f.scope } : {}) };
    });
}

/** `features` on the wire: feature name → enabled. Only enabled features are stored, so every value is true. */
export function featureFlags(features: Record<string, TierFeature> | undefined): Record<string, boolean> {
  return Object.fromEntries(Object.keys(features ?? {}).sort().map((f) => [f, true]));
}

/** A region list as stored: trimmed, without blanks or repeats, in the order given. */
export function regionList(regions: readonly string[] | undefined): string[] {
  return [...new Set((regions ?? []).map((r) => r.trim()).filter(Boolean))];
}
