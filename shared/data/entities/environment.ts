/**
 * A service environment: `ENV#<id>` in its service's partition.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';
import type { EnvironmentType, Visibility } from '#shared/domain/environments.ts';

export interface EnvironmentItem extends Stored {
  entity: 'environment';
  environmentId: string;
  serviceId: string;
  orgId: string;
  name: string;
  key: string;
  description: string;
  type: EnvironmentType;
  visibility: Visibility;
  deploymentConfigId: string;
  /** '' when the environment has no promotion source. */
  sourceEnvironmentId: string;
  /** '' when none was given. */
  serviceAuthPublicKey: string;
  autoApproveSubscription: boolean;
}

/** The environments of a service (bounded: a service has a handful). */
export function environmentsOf(serviceId: string): Promise<EnvironmentItem[]> {
  return queryAll<EnvironmentItem>(keys.environmentsOfService(serviceId));
}

/** An environment of the service in the path, in the caller's org, or 404. */
export async function getEnvironment(orgId: string, serviceId: string, environmentId: string): Promise<EnvironmentItem> {
  const item = await getItem<EnvironmentItem>(keys.environment(serviceId, environmentId));
  if (!item || item.entity !== 'environment' || item.orgId !== orgId) throw new NotFound('service environment');
  return item;
}

/** The parent touch of a child of the environment (its service API). */
export function environmentTouch(orgId: string, serviceId: string, environmentId: string): Touch {
  return { key: keys.environment(serviceId, environmentId), orgId, entity: 'service environment' };
}
