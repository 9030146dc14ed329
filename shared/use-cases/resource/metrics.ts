/** Metrics endpoint use cases: RegisterResourceMetricsConfig, DescribeResourceMetricsConfig, DeregisterResourceMetricsConfig. */
import type { z } from 'zod';
import { getResource } from '#shared/data/entities/resource.ts';
import { metricsConfigView, withMetricsEndpoint, withoutMetricsEndpoint } from '#shared/domain/resources.ts';
import type { DescribeResourceMetricsConfigResult } from '#shared/schemas/resource.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { changeResource } from '#shared/use-cases/resource/change.ts';
import { atVersion, resourceAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';

/** A resource has one endpoint; registering again replaces it. */
export function registerResourceMetricsConfig(caller: Caller, serviceId: string, id: string, input: { metricEndpoint: string }): Promise<void> {
  return changeResource(caller, serviceId, id, 'metrics', (r) => withMetricsEndpoint(r, input.metricEndpoint));
}

export async function describeResourceMetricsConfig(
  caller: Caller,
  serviceId: string,
  id: string,
  at?: AtVersion,
): Promise<z.input<typeof DescribeResourceMetricsConfigResult>> {
  if (atVersion(at)) return metricsConfigView((await resourceAtVersion(caller.orgId, serviceId, id, at)).resource);
  return metricsConfigView(await getResource(caller.orgId, serviceId, id));
}

export function deregisterResourceMetricsConfig(caller: Caller, serviceId: string, id: string): Promise<void> {
  return changeResource(caller, serviceId, id, 'metrics', withoutMetricsEndpoint);
}
