/**
 * Service plans: the read-side join of a product tier with its service model, service API and environment.
 * Two views: the short summaries DescribeService/ListService show under each environment (from the
 * service's tier and model ranges, no extra reads), and the full plan GetServicePlan/ListServicePlans answer.
 */
import type { z } from 'zod';
import { featureList, type FeatureConfiguration } from '#shared/domain/service-model.ts';
import { featureFlags, type TierFeature } from '#shared/domain/product-tier.ts';
import type { ServicePlan } from '#shared/schemas/service.ts';
import type { GetServicePlanResult } from '#shared/schemas/service-plan.ts';
import type { TierReleaseState } from '#shared/data/entities/tier-version-set.ts';

/** The fields of a tier a plan summary shows. */
export interface TierSummarySource {
  productTierId: string;
  environmentId: string;
  serviceModelId: string;
  name: string;
  description: string;
  tierType: string;
  /** The tier's copy of its model's type. */
  modelType: string;
  createdAt: string;
  sk: string;
}

/** The plans (product tiers) of `environmentId`, oldest first, for a deterministic describe output. */
export function servicePlansOf(
  tiers: readonly TierSummarySource[],
  models: readonly { serviceModelId: string; modelType: string }[],
  environmentId: string,
): z.input<typeof ServicePlan>[] {
  const modelTypes = new Map(models.map((m) => [m.serviceModelId, m.modelType]));
  return tiers
    .filter((tier) => tier.environmentId === environmentId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk))
    .map((tier) => ({
      productTierID: tier.productTierId,
      name: tier.name,
      description: tier.description,
      tierType: tier.tierType,
      // The model is the source of truth; the tier keeps a copy for when the model item is not at hand.
      modelType: modelTypes.get(tier.serviceModelId) || tier.modelType,
    }));
}

/** What the full plan view reads from each item of the join. */
export interface PlanParts {
  tier: {
    productTierId: string;
    name: string;
    key: string;
    description: string;
    planDescription?: string;
    tierType: string;
    pricing?: unknown;
    support?: string;
    documentation?: string;
    awsRegions?: string[];
    gcpRegions?: string[];
    azureRegions?: string[];
    autoApproveSubscription?: boolean;
    isDisabled?: boolean;
    features?: Record<string, TierFeature>;
  };
  model: {
    serviceModelId: string;
    name: string;
    description: string;
    modelType: string;
    features?: Record<string, FeatureConfiguration>;
    accountConfigIds?: string[];
  };
  api: { serviceApiId: string; description: string; apiVersion: string };
  environment: { environmentId: string; deploymentConfigId: string };
  /** Whether the tier's definition log holds a change no release has taken up yet. */
  hasPendingChanges: boolean;
  /** The tier's release state (absent before its first version set). */
  release?: TierReleaseState;
}

/**
 * The plan as GetServicePlan answers it. `latestMajorVersion` is the newest released `<n>.0` version set (else
 * the newest released one) and `versionSetStatus` its status; both '' before the first release.
 */
export function servicePlanView(p: PlanParts): z.input<typeof GetServicePlanResult> {
  const { tier, model, api, environment } = p;
  return {
    productTierId: tier.productTierId,
    productTierName: tier.name,
    productTierKey: tier.key,
    productTierDescription: tier.description,
    productTierPlanDescription: tier.planDescription ?? '',
    productTierPricing: tier.pricing ?? {},
    productTierSupport: tier.support ?? '',
    productTierDocumentation: tier.documentation ?? '',
    productTierFeatures: featureFlags(tier.features),
    isProductTierDisabled: tier.isDisabled ?? false,
    tierType: tier.tierType,
    AutoApproveSubscription: tier.autoApproveSubscription ?? false,
    awsRegions: tier.awsRegions ?? [],
    gcpRegions: tier.gcpRegions ?? [],
    azureRegions: tier.azureRegions ?? [],
    serviceModelId: model.serviceModelId,
    serviceModelName: model.name,
    serviceModelDescription: model.description,
    serviceModelFeatures: featureList(model.features),
    modelType: model.modelType,
    accountConfigIds: model.accountConfigIds ?? [],
    // No account config is verified and active until the account-config operations exist.
    activeAccountConfigIds: {},
    serviceApiId: api.serviceApiId,
    serviceApiDescription: api.description,
    apiVersion: api.apiVersion,
    serviceEnvironmentId: environment.environmentId,
    deploymentConfigId: environment.deploymentConfigId,
    hasPendingChanges: p.hasPendingChanges,
    ...latestVersionOf(p.release),
  };
}

function latestVersionOf(state: TierReleaseState | undefined): { latestMajorVersion: string; versionSetStatus: string } {
  if (state?.latestMajor) return { latestMajorVersion: state.latestMajor.version, versionSetStatus: state.latestMajor.status };
  const latest = state?.latestReleased;
  if (!latest) return { latestMajorVersion: '', versionSetStatus: '' };
  return { latestMajorVersion: latest.version, versionSetStatus: state.preferred?.seq === latest.seq ? 'Preferred' : 'Active' };
}
