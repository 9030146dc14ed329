/** Capability use cases: EnableResourceCapability, DisableResourceCapability, ListResourceCapabilities. */
import type { z } from 'zod';
import { getResource } from '#shared/data/entities/resource.ts';
import { withDisabledCapability, withEnabledCapability } from '#shared/domain/resources.ts';
import type { ListResourceCapabilitiesResult } from '#shared/schemas/resource.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { changeResource } from '#shared/use-cases/resource/change.ts';
import { atVersion, resourceAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';

/** Enabling again replaces the configuration. */
export function enableResourceCapability(
  caller: Caller,
  serviceId: string,
  id: string,
  input: { capability: string; configuration?: Record<string, unknown> },
): Promise<void> {
  return changeResource(caller, serviceId, id, 'capability', (r) => withEnabledCapability(r, input.capability, input.configuration));
}

export function disableResourceCapability(caller: Caller, serviceId: string, id: string, input: { capability: string }): Promise<void> {
  return changeResource(caller, serviceId, id, 'capability', (r) => withDisabledCapability(r, input.capability));
}

export async function listResourceCapabilities(caller: Caller, serviceId: string, id: string, at?: AtVersion): Promise<z.input<typeof ListResourceCapabilitiesResult>> {
  const resource = atVersion(at) ? (await resourceAtVersion(caller.orgId, serviceId, id, at)).resource : await getResource(caller.orgId, serviceId, id);
  return { capabilities: resource.capabilities ?? [] };
}
