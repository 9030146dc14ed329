/**
 * A service environment: `ENV#<id>` in its service's partition. Its name and its key (derived from the name)
 * are unique within the service through `UNIQUE#ENVNAME#…` / `UNIQUE#ENVKEY#…` guards.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, type Guard, type Page, type Stored, type Touch } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';

export type EnvironmentType = 'DEV' | 'QA' | 'STAGING' | 'CANARY' | 'PROD' | 'PRIVATE';
export type Visibility = 'PUBLIC' | 'PRIVATE';

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

/**
 * The environments of a service, oldest first (bounded: `SERVICE_LIMITS.environments`, counted on the
 * service item). A consistent table read, fit to decide a write.
 */
export async function environmentsOf(serviceId: string): Promise<EnvironmentItem[]> {
  const items = await queryAll<EnvironmentItem>(keys.environmentsOfService(serviceId));
  return items.filter((e) => e.entity === 'environment').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.sk.localeCompare(b.sk));
}

/** One page of a service's environments (ListServiceEnvironment with paging parameters). */
export function environmentsPage(serviceId: string, limit?: number, pageToken?: string): Promise<Page<EnvironmentItem>> {
  return queryPage<EnvironmentItem>({ ...keys.environmentsOfService(serviceId), limit, pageToken });
}

/** An environment of the service in the path, in the caller's org, or 404 (`entity` names it). */
export async function getEnvironment(
  orgId: string,
  serviceId: string,
  environmentId: string,
  entity = 'service environment',
): Promise<EnvironmentItem> {
  const item = await getItem<EnvironmentItem>(keys.environment(serviceId, environmentId));
  if (!item || item.entity !== 'environment' || item.orgId !== orgId) throw new NotFound(entity);
  return item;
}

/** The parent touch of a child of the environment (its service API, an environment it is the source of). */
export function environmentTouch(orgId: string, serviceId: string, environmentId: string, entity = 'service environment'): Touch {
  return { key: keys.environment(serviceId, environmentId), orgId, entity };
}

export function environmentNameGuard(serviceId: string, name: string): Guard {
  return { key: keys.environmentNameGuard(serviceId, name), conflict: `an environment named "${name.trim()}" already exists in this service` };
}

export const environmentKeyTaken = (key: string) => `environment key "${key}" is taken`;

/**
 * The key guard; it carries `environmentId` (the `serviceEnvironmentKey` → id lookup of instance paths) and
 * the key as `value` (what `environmentKeysStartingWith` reads).
 */
export function environmentKeyGuard(serviceId: string, key: string, environmentId: string): Guard {
  return { key: keys.environmentKeyGuard(serviceId, key), conflict: environmentKeyTaken(key), attributes: { environmentId, value: key } };
}

/** Environment keys of the service that start with `base` (one Query on the guard range, no sibling read). */
export async function environmentKeysStartingWith(serviceId: string, base: string): Promise<Set<string>> {
  const guards = await queryAll<{ value?: string }>(keys.environmentKeyGuardsStartingWith(serviceId, base));
  return new Set(guards.map((g) => g.value ?? ''));
}

/**
 * Whether a service API lives under the environment: its one-per-environment guard (written with the API,
 * strongly consistent). A create racing this read touches the environment, so a delete conditional on the
 * environment's version cannot miss it.
 */
export async function hasServiceApi(serviceId: string, environmentId: string): Promise<boolean> {
  return (await getItem(keys.serviceApiOfEnvironmentGuard(serviceId, environmentId))) !== undefined;
}

/** The service's environment with this key (the instance paths carry keys): one GetItem of its key guard, or 404. */
export async function environmentByKey(orgId: string, serviceId: string, key: string): Promise<EnvironmentItem> {
  const guard = await getItem<{ environmentId?: string }>(keys.environmentKeyGuard(serviceId, key));
  if (!guard?.environmentId) throw new NotFound('service environment');
  return getEnvironment(orgId, serviceId, guard.environmentId);
}
