/**
 * The limit catalogue: every limit an org has, by family and key, with its documented default (docs/limits.md,
 * "Org limits"). Pure rules: which limits exist, which an org may change and how far, and the wire view.
 *
 * A modifiable limit may be set per org (UpdateLimit) anywhere from 0 to its ceiling — the ceiling keeps the
 * reads it bounds bounded — and not below what the org already uses. The fixed ones are shown so a client can
 * read them, and refuse changes: their value is what keeps an unpaged read bounded for every org.
 */
import type { z } from 'zod';
import { BadRequest, InvalidState, NotFound } from '#shared/errors.ts';
import type { DescribeLimitResult } from '#shared/schemas/limit.ts';

/** What a limit counts, where the count lives (read for "below current usage"). */
export type LimitUsage = 'servicesOfOrg';

export interface LimitDefinition {
  family: string;
  key: string;
  name: string;
  description: string;
  defaultValue: number;
  /** The largest value an org may set (a modifiable limit), or the value itself (a fixed one). */
  ceiling: number;
  modifiable: boolean;
  /** Set when the org's current use is counted (UpdateLimit refuses a value below it). */
  usage?: LimitUsage;
}

export const LIMIT_FAMILY = { org: 'ORG', service: 'SERVICE', productTier: 'PRODUCT_TIER', resource: 'RESOURCE' } as const;

export const LIMIT_KEY = {
  servicesPerOrg: 'MAX_SERVICES_PER_ORG',
  membersPerOrg: 'MAX_USERS_PER_ORG',
  environmentsPerService: 'MAX_ENVIRONMENTS_PER_SERVICE',
  productTiersPerService: 'MAX_PRODUCT_TIERS_PER_SERVICE',
  serviceModelsPerService: 'MAX_SERVICE_MODELS_PER_SERVICE',
  resourcesPerProductTier: 'MAX_RESOURCES_PER_PRODUCT_TIER',
  inputParametersPerResource: 'MAX_INPUT_PARAMETERS_PER_RESOURCE',
  outputParametersPerResource: 'MAX_OUTPUT_PARAMETERS_PER_RESOURCE',
  filesPerResource: 'MAX_FILES_PER_RESOURCE',
} as const;

const fixed = (family: string, key: string, name: string, description: string, value: number): LimitDefinition => ({
  family,
  key,
  name,
  description,
  defaultValue: value,
  ceiling: value,
  modifiable: false,
});

/**
 * Every limit, in the order ListLimit answers them. The fixed values are the per-parent limits the
 * definition operations enforce (shared/data/entities/service.ts SERVICE_LIMITS, org.ts ORG_MEMBER_LIMIT, the
 * resource and parameter counters); a unit test holds them equal.
 */
export const LIMIT_CATALOGUE: readonly LimitDefinition[] = [
  {
    family: LIMIT_FAMILY.org,
    key: LIMIT_KEY.servicesPerOrg,
    name: 'Services per org',
    description: 'Services the org may have; CreateService past it answers 409. It also bounds what ListServiceOffering reads.',
    defaultValue: 100,
    ceiling: 500,
    modifiable: true,
    usage: 'servicesOfOrg',
  },
  fixed(LIMIT_FAMILY.org, LIMIT_KEY.membersPerOrg, 'Users per org', 'Users of the org (DescribeUsersByOrg answers them all, unpaged).', 2000),
  fixed(LIMIT_FAMILY.service, LIMIT_KEY.environmentsPerService, 'Environments per service', 'Environments of one service.', 50),
  fixed(LIMIT_FAMILY.service, LIMIT_KEY.productTiersPerService, 'Product tiers per service', 'Product tiers (plans) of one service.', 200),
  fixed(LIMIT_FAMILY.service, LIMIT_KEY.serviceModelsPerService, 'Service models per service', 'Service (hosting) models of one service.', 100),
  fixed(LIMIT_FAMILY.productTier, LIMIT_KEY.resourcesPerProductTier, 'Resources per product tier', 'Resources of one product tier.', 5000),
  fixed(LIMIT_FAMILY.resource, LIMIT_KEY.inputParametersPerResource, 'Input parameters per resource', 'Input parameters of one resource.', 500),
  fixed(LIMIT_FAMILY.resource, LIMIT_KEY.outputParametersPerResource, 'Output parameters per resource', 'Output parameters of one resource.', 500),
  fixed(LIMIT_FAMILY.resource, LIMIT_KEY.filesPerResource, 'Files per resource', 'Files of one resource.', 100),
];

/** Families and keys are matched in any case (clients echo what ListLimit showed; people type them). */
const norm = (s: string) => s.trim().toUpperCase();

/** The limit named by (family, key), or 404 `limit <family>/<key> not found`. */
export function limitDefinition(family: string, key: string): LimitDefinition {
  const found = LIMIT_CATALOGUE.find((l) => l.family === norm(family) && l.key === norm(key));
  if (!found) throw new NotFound(`limit ${norm(family)}/${norm(key)}`);
  return found;
}

/** The limits of a family (every limit when none is named); an unknown family is 404. */
export function limitsOfFamily(family: string | undefined): LimitDefinition[] {
  if (family === undefined || family.trim() === '') return [...LIMIT_CATALOGUE];
  const found = LIMIT_CATALOGUE.filter((l) => l.family === norm(family));
  if (!found.length) throw new NotFound(`limit family ${norm(family)}`);
  return found;
}

/** What an org's override says, over the default. */
export interface LimitSetting {
  value: number;
  name?: string;
  description?: string;
}

/** The value in force: the org's own, else the default. */
export const effectiveValue = (def: LimitDefinition, setting: LimitSetting | undefined): number => setting?.value ?? def.defaultValue;

/** UpdateLimit's rules: a fixed limit does not change; a value lies in 0..ceiling and not below what is used. */
export function checkLimitChange(def: LimitDefinition, value: number, used: number): void {
  const id = `${def.family}/${def.key}`;
  if (!def.modifiable) throw new BadRequest(`limit ${id} is not modifiable (it is ${def.defaultValue} for every org)`);
  if (!Number.isInteger(value) || value < 0 || value > def.ceiling) throw new BadRequest(`body.value must be an integer from 0 to ${def.ceiling} for limit ${id}`);
  if (value < used) throw new InvalidState(`limit ${id} cannot be ${value}: the org already uses ${used}`);
}

/** The 409 when a create would pass a limit. */
export function limitReached(def: LimitDefinition, value: number, noun: string): InvalidState {
  return new InvalidState(`the org has reached its limit of ${value} ${noun} (${def.family}/${def.key}); delete some or raise the limit`);
}

export function limitView(def: LimitDefinition, setting: LimitSetting | undefined): z.input<typeof DescribeLimitResult> {
  return {
    family: def.family,
    key: def.key,
    name: setting?.name || def.name,
    description: setting?.description || def.description,
    modifiable: def.modifiable,
    value: effectiveValue(def, setting),
  };
}
