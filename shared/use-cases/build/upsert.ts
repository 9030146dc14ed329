/**
 * A build: an upsert keyed by (service name, environment name, environment type, plan name). What exists
 * is found first (resolve.ts); what is missing is created in parent-before-child order — service,
 * environment, service API, model, tier — each by its own use case (one commit each, with its guards and
 * counters); then the tier's settings and its definition are brought to the spec (definition.ts). Every step
 * looks up what the previous ones wrote by the same keys, so a build that fails midway leaves a state that a
 * rebuild of the same spec completes. A dry run resolves and validates, then stops: nothing is written.
 */
import type { z } from 'zod';
import { NotFound } from '#shared/errors.ts';
import { deriveKey } from '#shared/domain/keys.ts';
import { MODEL_NAMES, tierWithPlan, type DesiredDefinition } from '#shared/domain/build.ts';
import { getProductTier, type ProductTierItem } from '#shared/data/entities/product-tier.ts';
import { serviceModelByKey } from '#shared/data/entities/service-model.ts';
import type { EnvironmentType } from '#shared/data/entities/environment.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { BuildServiceFromComposeSpecResult } from '#shared/schemas/service.ts';
import { createService, updateService } from '#shared/use-cases/service.ts';
import { createServiceEnvironment } from '#shared/use-cases/service-environment.ts';
import { createServiceAPI } from '#shared/use-cases/service-api.ts';
import { createServiceModel } from '#shared/use-cases/service-model.ts';
import { changeProductTier, createProductTier } from '#shared/use-cases/product-tier.ts';
import { loadTierDefinition, type ResourceDefinition } from '#shared/use-cases/tier-definition.ts';
import { resolveExisting, type UpsertKey } from '#shared/use-cases/build/resolve.ts';
import { syncDefinition, undefinedResources } from '#shared/use-cases/build/definition.ts';
import { hasPendingChanges, releaseStateOf } from '#shared/data/entities/tier-version-set.ts';
import { releaseTierVersion } from '#shared/use-cases/tier-version-set/release.ts';

/** What every build request carries besides its spec. */
export interface BuildOptions {
  name: string;
  description?: string;
  serviceLogoURL?: string;
  environment?: string;
  environmentType?: EnvironmentType;
  release?: boolean;
  releaseAsPreferred?: boolean;
  releaseVersionName?: string;
  dryrun?: boolean;
}

export type BuildResult = z.input<typeof BuildServiceFromComposeSpecResult>;

/** The environment a build targets when the request names none (what the CLI sends by default too). */
export const DEFAULT_ENVIRONMENT = { name: 'Dev', type: 'DEV' } as const;

export function upsertKey(opts: BuildOptions, desired: DesiredDefinition): UpsertKey {
  return {
    serviceName: opts.name.trim(),
    environmentName: opts.environment?.trim() || DEFAULT_ENVIRONMENT.name,
    environmentType: opts.environmentType ?? DEFAULT_ENVIRONMENT.type,
    planName: desired.plan.name ?? opts.name.trim(),
  };
}

/** The model of the spec's hosting type in the API: found by its key, else created. */
async function modelFor(caller: Caller, serviceId: string, serviceApiId: string, desired: DesiredDefinition): Promise<string> {
  const name = MODEL_NAMES[desired.plan.modelType];
  try {
    return (await serviceModelByKey(caller.orgId, serviceId, serviceApiId, deriveKey(name))).serviceModelId;
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
  }
  return createServiceModel(caller, { serviceId }, { serviceApiId, name, description: '', modelType: desired.plan.modelType });
}

/** The tier's type and features as the plan says (integrations are tier features); no write when equal. */
function syncTierSettings(caller: Caller, tier: ProductTierItem, desired: DesiredDefinition): Promise<void> {
  return changeProductTier(caller, { serviceId: tier.serviceId, id: tier.productTierId }, (current) => tierWithPlan(current, desired.plan) ?? current, 'settings');
}

/**
 * A plan never released gets its first version now, Preferred (clients create instances with `--version
 * latest` right after a first build). Later, `release`/`releaseAsPreferred` release the pending changes as
 * the next major version (named `releaseVersionName`); with nothing pending nothing is released, so a
 * rebuild of the same spec stays a no-op.
 */
async function releaseIfDue(caller: Caller, tier: ProductTierItem, opts: BuildOptions): Promise<void> {
  const current = await getProductTier(caller.orgId, tier.serviceId, tier.productTierId);
  const first = releaseStateOf(current)?.latestReleased === undefined;
  if (!first && !(opts.release || opts.releaseAsPreferred)) return;
  if (!first && !(await hasPendingChanges(current))) return;
  await releaseTierVersion(caller, {
    serviceId: tier.serviceId,
    productTierId: tier.productTierId,
    type: 'Major',
    ...(opts.releaseVersionName?.trim() ? { name: opts.releaseVersionName.trim() } : {}),
    preferred: first || opts.releaseAsPreferred === true,
    dryRun: false,
  });
}

/** Builds `desired` into the caller's org under the request's upsert key; answers the ids it built into. */
export async function buildDefinition(caller: Caller, opts: BuildOptions, desired: DesiredDefinition): Promise<BuildResult> {
  const key = upsertKey(opts, desired);
  const existing = await resolveExisting(caller.orgId, key, desired.plan);
  const current: ResourceDefinition[] = existing.tier ? (await loadTierDefinition(caller.orgId, existing.tier.serviceId, existing.tier.productTierId)).resources : [];
  const leftAlone = undefinedResources(current, desired.resources);
  if (opts.dryrun) {
    return {
      serviceID: existing.service?.serviceId ?? '',
      serviceEnvironmentID: existing.environment?.environmentId ?? '',
      productTierID: existing.tier?.productTierId ?? '',
      undefinedResources: leftAlone,
    };
  }

  let service = existing.service;
  if (!service) {
    service = await createService(caller.orgId, { name: key.serviceName, description: opts.description ?? '', ...(opts.serviceLogoURL ? { serviceLogoURL: opts.serviceLogoURL } : {}) });
  } else {
    const changes = {
      ...(opts.description !== undefined && opts.description !== service.description ? { description: opts.description } : {}),
      ...(opts.serviceLogoURL !== undefined && opts.serviceLogoURL !== service.serviceLogoURL ? { serviceLogoURL: opts.serviceLogoURL } : {}),
    };
    if (Object.keys(changes).length) await updateService(caller.orgId, service.serviceId, changes);
  }
  const serviceId = service.serviceId;
  const environmentId =
    existing.environment?.environmentId ??
    (await createServiceEnvironment(caller.orgId, serviceId, { name: key.environmentName, description: '', type: key.environmentType }));
  const serviceApiId = existing.serviceApiId ?? (await createServiceAPI(caller, { serviceId }, { serviceEnvironmentId: environmentId, description: '' }));
  let tier = existing.tier;
  if (!tier) {
    const serviceModelId = await modelFor(caller, serviceId, serviceApiId, desired);
    const productTierId = await createProductTier(caller, { serviceId }, {
      serviceModelId,
      name: key.planName,
      description: '',
      planDescription: '',
      tierType: desired.plan.tierType,
    });
    tier = await getProductTier(caller.orgId, serviceId, productTierId);
  }
  await syncTierSettings(caller, tier, desired);
  await syncDefinition(caller, tier, current, desired.resources);
  await releaseIfDue(caller, tier, opts);
  return { serviceID: serviceId, serviceEnvironmentID: environmentId, productTierID: tier.productTierId, undefinedResources: leftAlone };
}
