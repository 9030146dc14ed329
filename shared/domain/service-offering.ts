/**
 * What a customer is offered (service-offering-api): which environments a caller may see, and the wire views
 * of an offering (one released plan in one environment) and of a resource's APIs. Pure: the use case reads
 * the released snapshot (never the current definition of the plan) and hands the parts here.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import type { EnvironmentItem, EnvironmentType, Visibility } from '#shared/data/entities/environment.ts';
import type { ServiceApiItem } from '#shared/data/entities/service-api.ts';
import type { ServiceModelItem } from '#shared/data/entities/service-model.ts';
import type { ServiceItem } from '#shared/data/entities/service.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { InputParameterItem } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import type { ResourceSummaryItem, VersionSetItem } from '#shared/data/entities/tier-version-set.ts';
import type { DescribeServiceOfferingResourceResult, DescribeServiceOfferingResult, ResourceEntity, ServiceOffering } from '#shared/schemas/service-offering.ts';

/** The environments a caller is shown. */
export interface OfferingScope {
  /** Absent: every type (a provider token that named none). */
  environmentType?: EnvironmentType;
  visibility: Visibility;
}

/**
 * A customer token sees its portal's environment type, PUBLIC environments only (asking for anything else
 * shows nothing); a provider token sees its own services' environments of the type it names (every type when
 * it names none), PUBLIC unless it asks for PRIVATE. `undefined`: nothing is visible.
 */
export function offeringScope(caller: Pick<Caller, 'customer'>, query: { environmentType?: EnvironmentType; visibility?: Visibility }): OfferingScope | undefined {
  if (caller.customer) {
    if (query.environmentType && query.environmentType !== caller.customer.environmentType) return undefined;
    if (query.visibility && query.visibility !== 'PUBLIC') return undefined;
    return { environmentType: caller.customer.environmentType, visibility: 'PUBLIC' };
  }
  return { ...(query.environmentType ? { environmentType: query.environmentType } : {}), visibility: query.visibility ?? 'PUBLIC' };
}

export const inScope = (env: Pick<EnvironmentItem, 'type' | 'visibility'>, scope: OfferingScope): boolean =>
  env.visibility === scope.visibility && (scope.environmentType === undefined || env.type === scope.environmentType);

/** When a plan sets no cap on its instances: the largest cap a plan may set (docs/limits.md). */
export const NO_INSTANCE_CAP = 1_000_000;

/** One offering: a released plan version with what it hangs under. The tier is the one the version released. */
export interface OfferingParts {
  service: ServiceItem;
  environment: EnvironmentItem;
  api: ServiceApiItem;
  model: ServiceModelItem;
  version: VersionSetItem;
  /** The released resources (customer-facing ones are shown), each with its URL key. */
  resources: (ResourceSummaryItem & { key: string })[];
}

export function cloudProvidersOf(tier: Pick<ProductTierItem, 'awsRegions' | 'gcpRegions' | 'azureRegions'>): string[] {
  return [
    ...(tier.awsRegions?.length ? ['aws'] : []),
    ...(tier.gcpRegions?.length ? ['gcp'] : []),
    ...(tier.azureRegions?.length ? ['azure'] : []),
  ];
}

function resourceEntity(r: ResourceSummaryItem & { key: string }): z.input<typeof ResourceEntity> {
  return {
    resourceId: r.resourceId,
    name: r.name,
    urlKey: r.key,
    resourceType: r.resourceType,
    isBackupEnabled: r.backup ?? false,
    isAutoscalingEnabled: r.autoscaling ?? false,
    isDeprecated: false,
  };
}

export function offeringView(p: OfferingParts): z.input<typeof ServiceOffering> {
  const tier = p.version.tier;
  return {
    AutoApproveSubscription: tier.autoApproveSubscription ?? false,
    allowCreatesWhenPaymentNotConfigured: tier.allowCreatesWhenPaymentNotConfigured ?? false,
    awsRegions: tier.awsRegions ?? [],
    gcpRegions: tier.gcpRegions ?? [],
    azureRegions: tier.azureRegions ?? [],
    cloudProviders: cloudProvidersOf(tier),
    maxNumberOfInstances: tier.maxNumberOfInstances ?? NO_INSTANCE_CAP,
    productTierDescription: tier.description,
    productTierDocumentation: tier.documentation ?? '',
    productTierID: tier.productTierId,
    productTierName: tier.name,
    productTierPlanDescription: tier.planDescription ?? '',
    productTierPricing: tier.pricing ?? {},
    productTierSupport: tier.support ?? '',
    productTierType: tier.tierType,
    productTierURLKey: tier.key,
    productTierVersion: p.version.tierVersion,
    resourceParameters: p.resources.filter((r) => !r.internal).map(resourceEntity),
    serviceAPIID: p.api.serviceApiId,
    serviceAPIVersion: p.api.apiVersion,
    serviceEnvironmentID: p.environment.environmentId,
    serviceEnvironmentName: p.environment.name,
    serviceEnvironmentType: p.environment.type,
    serviceEnvironmentURLKey: p.environment.key,
    serviceEnvironmentVisibility: p.environment.visibility,
    serviceLogoURL: p.service.serviceLogoURL ?? '',
    serviceModelFeatures: Object.entries(p.model.features ?? {}).map(([feature, configuration]) => ({ feature, configuration: configuration ?? {} })),
    serviceModelID: p.model.serviceModelId,
    serviceModelName: p.model.name,
    serviceModelStatus: 'READY',
    serviceModelType: p.model.modelType,
    serviceModelURLKey: p.model.key,
  };
}

export function serviceOfferingView(
  service: ServiceItem,
  provider: { serviceProviderId: string; name: string },
  offerings: readonly OfferingParts[],
): z.input<typeof DescribeServiceOfferingResult> {
  return {
    serviceId: service.serviceId,
    serviceName: service.name,
    serviceDescription: service.description,
    serviceURLKey: service.key,
    serviceOrgId: service.orgId,
    serviceProviderId: provider.serviceProviderId,
    serviceProviderName: provider.name,
    createdAt: service.createdAt,
    isDeprecated: false,
    offerings: offerings.map(offeringView),
  };
}

const inputEntity = (p: InputParameterItem) => ({
  key: p.key,
  displayName: p.name,
  description: p.description,
  type: p.type,
  isList: p.isList ?? false,
  custom: false,
  required: p.required,
  modifiable: p.modifiable,
  ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  ...(p.options?.length ? { options: p.options } : {}),
  ...(p.dependentResourceId ? { dependentResourceID: p.dependentResourceId } : {}),
});

const outputEntity = (p: OutputParameterItem) => ({
  key: p.key,
  displayName: p.name,
  description: p.description,
  type: p.valueType || 'String',
  isList: false,
  custom: false,
});

/**
 * A resource's APIs as a customer calls them, from the released snapshot: CREATE takes every input parameter,
 * UPDATE the modifiable ones; DESCRIBE answers the output parameters; DELETE takes none.
 */
export function resourceApisView(inputs: readonly InputParameterItem[], outputs: readonly OutputParameterItem[]): z.input<typeof DescribeServiceOfferingResourceResult> {
  const out = outputs.map(outputEntity);
  return {
    apis: [
      { verb: 'CREATE', inputParameters: inputs.map(inputEntity), outputParameters: out },
      { verb: 'DESCRIBE', inputParameters: [], outputParameters: out },
      { verb: 'UPDATE', inputParameters: inputs.filter((p) => p.modifiable).map(inputEntity), outputParameters: out },
      { verb: 'DELETE', inputParameters: [], outputParameters: [] },
    ],
  };
}
