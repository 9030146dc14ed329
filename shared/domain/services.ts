/**
 * The described form of a service (DescribeService, and each entry of ListService), built from the items of
 * its partition read by one Query. Pure: the same items always give the same output, in a stable order
 * (clients compare describe output byte for byte).
 */
import type { ServiceItem } from '#shared/data/entities/service.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import { promoteStatusOf } from '#shared/domain/environments.ts';
import { servicePlansOf, type PartitionItem, type ServicePlanSummary } from '#shared/domain/service-plans.ts';

export interface EnvironmentSummary {
  id: string;
  name: string;
  type: string;
  visibility: string;
  sourceEnvironmentID: string;
  sourceEnvironmentName: string;
  promoteStatus: string;
  /** No SaaS portal exists for any environment type yet: nothing to report. */
  saasPortalStatus: string;
  saasPortalUrl: string;
  servicePlans: ServicePlanSummary[];
}

export interface ServiceView {
  id: string;
  name: string;
  key: string;
  description: string;
  serviceLogoURL: string;
  createdAt: string;
  roleType: string;
  serviceProviderID: string;
  serviceProviderName: string;
  serviceEnvironments: EnvironmentSummary[];
}

export interface Provider {
  serviceProviderId: string;
  name: string;
}

const byCreation = (a: { createdAt: string; sk: string }, b: { createdAt: string; sk: string }) =>
  a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

export function environmentSummaries(items: readonly PartitionItem[]): EnvironmentSummary[] {
  const envs = (items as unknown as EnvironmentItem[]).filter((i) => i.entity === 'environment').sort(byCreation);
  const names = new Map(envs.map((e) => [e.environmentId, e.name]));
  return envs.map((env) => ({
    id: env.environmentId,
    name: env.name,
    type: env.type,
    visibility: env.visibility,
    sourceEnvironmentID: env.sourceEnvironmentId,
    sourceEnvironmentName: names.get(env.sourceEnvironmentId) ?? '',
    promoteStatus: promoteStatusOf(env),
    saasPortalStatus: '',
    saasPortalUrl: '',
    servicePlans: servicePlansOf(items, env.environmentId),
  }));
}

/** `roleType` is the caller's role: what they may do with the service. */
export function serviceView(
  service: ServiceItem,
  items: readonly PartitionItem[],
  provider: Provider,
  roleType: string,
): ServiceView {
  return {
    id: service.serviceId,
    name: service.name,
    key: service.key,
    description: service.description,
    serviceLogoURL: service.serviceLogoURL,
    createdAt: service.createdAt,
    roleType,
    serviceProviderID: provider.serviceProviderId,
    serviceProviderName: provider.name,
    serviceEnvironments: environmentSummaries(items),
  };
}

/**
 * The health of a set of resource instances rolled up into one value: any UNHEALTHY wins, all HEALTHY is
 * HEALTHY, all STOPPED is STOPPED, anything else is UNKNOWN. With no instances there is nothing to judge:
 * N/A.
 */
export function aggregateHealth(healths: readonly string[]): string {
  if (healths.length === 0) return 'N/A';
  if (healths.includes('UNHEALTHY')) return 'UNHEALTHY';
  if (healths.every((h) => h === 'HEALTHY')) return 'HEALTHY';
  if (healths.every((h) => h === 'STOPPED')) return 'STOPPED';
  return 'UNKNOWN';
}
