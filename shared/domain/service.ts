/**
 * The described form of a service (DescribeService, and each entry of ListService), built from the service
 * item and its environment, tier and model ranges. Pure: the same items always give the same output, in a
 * stable order (clients compare describe output byte for byte). And the health roll-up.
 */
import type { z } from 'zod';
import type { ServiceOverview } from '#shared/data/entities/service.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import type { DescribeServiceResult, ServiceEnvironment } from '#shared/schemas/service.ts';
import { promoteStatusOf } from '#shared/domain/environment.ts';
import { servicePlansOf } from '#shared/domain/service-plan.ts';

export interface Provider {
  serviceProviderId: string;
  name: string;
}

const byCreation = (a: { createdAt: string; sk: string }, b: { createdAt: string; sk: string }) =>
  a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk);

/** Each environment in creation order, with its source's name and its plans. */
export function environmentSummaries(overview: Omit<ServiceOverview, 'service'>): z.input<typeof ServiceEnvironment>[] {
  const envs = [...overview.environments].sort(byCreation);
  const names = new Map(envs.map((e) => [e.environmentId, e.name]));
  return envs.map((env) => ({
    id: env.environmentId,
    name: env.name,
    type: env.type,
    visibility: env.visibility,
    sourceEnvironmentID: env.sourceEnvironmentId,
    sourceEnvironmentName: names.get(env.sourceEnvironmentId) ?? '',
    promoteStatus: promoteStatusOf(env),
    // No SaaS portal exists for any environment type yet: nothing to report.
    saasPortalStatus: '',
    saasPortalUrl: '',
    servicePlans: servicePlansOf(overview.tiers, overview.models, env.environmentId),
  }));
}

/** `roleType` is the caller's role: what they may do with the service. */
export function serviceView(overview: ServiceOverview, provider: Provider, roleType: string): z.input<typeof DescribeServiceResult> {
  const { service } = overview;
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
    serviceEnvironments: environmentSummaries(overview),
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

/**
 * ServiceHealth: each environment's roll-up of its instances' health, and the service's over all of them.
 * Instances arrive with a later issue, so today every environment (and the service) honestly reports N/A.
 */
export function healthReport(
  environments: readonly Pick<EnvironmentItem, 'environmentId'>[],
  instanceHealth: (environmentId: string) => readonly string[] = () => [],
): { health: string; report: Record<string, string> } {
  const byEnvironment = environments.map((e) => [e.environmentId, instanceHealth(e.environmentId)] as const);
  return {
    health: aggregateHealth(byEnvironment.flatMap(([, hs]) => hs)),
    report: Object.fromEntries(byEnvironment.map(([id, hs]) => [id, aggregateHealth(hs)])),
  };
}
