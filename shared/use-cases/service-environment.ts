/**
 * Use cases of the service-environment group (one per operationId). Environments are `ENV#<id>` items in
 * their service's partition, counted on the service item (at most `SERVICE_LIMITS.environments`); each holds
 * one usage on its deployment config. Names and keys are unique through guards, so a create reads no sibling.
 */
import { keys } from '#shared/data/keys.ts';
import { advance, commit, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { BadRequest, Conflict, InvalidState, NotFound } from '#shared/errors.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey, uniqueKey } from '#shared/domain/keys.ts';
import { createsPromotionCycle, environmentView, publicKeyProblem, type EnvironmentType, type Visibility } from '#shared/domain/environment.ts';
import { getService, serviceChildCounter, serviceTouch } from '#shared/data/entities/service.ts';
import {
  environmentKeyGuard,
  environmentKeysStartingWith,
  environmentKeyTaken,
  environmentNameGuard,
  environmentsOf,
  environmentsPage,
  environmentTouch,
  getEnvironment,
  hasServiceApi,
  type EnvironmentItem,
} from '#shared/data/entities/environment.ts';
import { deploymentConfigUsage } from '#shared/data/entities/deployment-config.ts';
import { resolveDeploymentConfig } from '#shared/use-cases/deployment-config.ts';
import { pageOf } from '#shared/schemas/common.ts';

function checkPublicKey(pem: string | undefined): void {
  if (!pem) return;
  const problem = publicKeyProblem(pem);
  if (problem) throw new BadRequest(`body.serviceAuthPublicKey ${problem}`);
}

export interface NewEnvironment {
  name: string;
  description: string;
  type?: EnvironmentType;
  visibility?: Visibility;
  deploymentConfigId?: string;
  sourceEnvironmentId?: string;
  serviceAuthPublicKey?: string;
  autoApproveSubscription?: boolean;
}

/**
 * Creates an environment in one transaction: the item, its name and key guards, the service's environment
 * count (409 past the limit), one usage on its deployment config and a touch of its promotion source. The
 * key is the next free one from a query on the key guards; a key taken by a concurrent create retries with
 * the next, a taken name is a 409. A new environment has no incoming promotion edge, so it cannot close a
 * cycle. Answers the new environment's id.
 */
export async function createServiceEnvironment(orgId: string, serviceId: string, input: NewEnvironment): Promise<string> {
  await getService(orgId, serviceId);
  checkPublicKey(input.serviceAuthPublicKey);
  const dc = await resolveDeploymentConfig(orgId, input.deploymentConfigId || 'default');
  const environmentId = newId(ID_PREFIX.environment);
  const name = input.name.trim();
  const base = deriveKey(name);
  const sourceId = input.sourceEnvironmentId || '';
  let key = base;
  let tries = 0;
  return withRetry(
    async () => {
      // Optimistic: try the base key first; read the taken keys only once its guard was found taken.
      const [taken, source] = await Promise.all([
        tries++ > 0 ? environmentKeysStartingWith(serviceId, base) : undefined,
        sourceId ? getEnvironment(orgId, serviceId, sourceId, 'source environment') : undefined,
      ]);
      if (taken) key = uniqueKey(base, taken);
      const item: EnvironmentItem = stamp({
        ...keys.environment(serviceId, environmentId),
        entity: 'environment' as const,
        environmentId,
        serviceId,
        orgId,
        name,
        key,
        description: input.description,
        type: input.type ?? 'DEV',
        visibility: input.visibility ?? 'PRIVATE',
        deploymentConfigId: dc.deploymentConfigId,
        sourceEnvironmentId: source?.environmentId ?? '',
        serviceAuthPublicKey: input.serviceAuthPublicKey?.trim() ?? '',
        autoApproveSubscription: input.autoApproveSubscription ?? false,
      });
      await commit({
        puts: [{ item }],
        guardsAdd: [
          { guard: environmentNameGuard(serviceId, name), owner: item },
          { guard: environmentKeyGuard(serviceId, key, environmentId), owner: item },
        ],
        counters: [serviceChildCounter(orgId, serviceId, 'environments', 1), deploymentConfigUsage(orgId, dc.deploymentConfigId, 1)],
        // The source must still exist when this commits; its version moves, so its delete notices the new dependant.
        touches: source ? [environmentTouch(orgId, serviceId, source.environmentId, 'source environment')] : [],
      });
      return environmentId;
    },
    { retryOn: (e) => e instanceof Conflict && e.message === environmentKeyTaken(key) },
  );
}

export async function describeServiceEnvironment(caller: Pick<Caller, 'orgId' | 'role'>, serviceId: string, environmentId: string) {
  return environmentView(await getEnvironment(caller.orgId, serviceId, environmentId), caller.role);
}

/**
 * The service's environment ids. With paging parameters (an extension: the reference has none) one page;
 * without, every environment (bounded by the per-service limit).
 */
export async function listServiceEnvironment(orgId: string, serviceId: string, query: { pageSize?: number; nextPageToken?: string }) {
  await getService(orgId, serviceId);
  const page =
    query.pageSize !== undefined || query.nextPageToken !== undefined
      ? await environmentsPage(serviceId, query.pageSize, query.nextPageToken)
      : { items: await environmentsOf(serviceId) };
  return pageOf(page, (e) => e.environmentId);
}

export interface EnvironmentChanges {
  name?: string;
  description?: string;
  visibility?: Visibility;
  deploymentConfigId?: string;
  /** '' removes the promotion source. */
  sourceEnvironmentId?: string;
  /** '' removes the key. */
  serviceAuthPublicKey?: string;
  autoApproveSubscription?: boolean;
}

/**
 * Versioned update. A rename moves the name guard (the key stays: clients echo it); a new deployment config
 * moves the usage count (and touches the service, whose delete gives the usages back); a new promotion
 * source must be a sibling and must not close a cycle, and is bumped conditional on the version read, so
 * two crossing re-points cannot both succeed.
 */
export async function updateServiceEnvironment(orgId: string, serviceId: string, environmentId: string, changes: EnvironmentChanges): Promise<void> {
  checkPublicKey(changes.serviceAuthPublicKey);
  const dc = changes.deploymentConfigId ? await resolveDeploymentConfig(orgId, changes.deploymentConfigId) : undefined;
  await withRetry(async () => {
    const current = await getEnvironment(orgId, serviceId, environmentId);
    const next: EnvironmentItem = { ...current };
    if (changes.name !== undefined) next.name = changes.name.trim();
    if (changes.description !== undefined) next.description = changes.description;
    if (changes.visibility !== undefined) next.visibility = changes.visibility;
    if (changes.autoApproveSubscription !== undefined) next.autoApproveSubscription = changes.autoApproveSubscription;
    if (changes.serviceAuthPublicKey !== undefined) next.serviceAuthPublicKey = changes.serviceAuthPublicKey.trim();
    if (dc) next.deploymentConfigId = dc.deploymentConfigId;
    const plan: TransactionPlan = { counters: [], touches: [], bumps: [] };
    const sourceId = changes.sourceEnvironmentId;
    if (sourceId !== undefined && sourceId !== current.sourceEnvironmentId) {
      if (sourceId) {
        if (sourceId === environmentId) throw new BadRequest('body.sourceEnvironmentId: an environment cannot be its own source');
        // Bounded by the per-service environment limit; a consistent read, fit to decide the write.
        const siblings = await environmentsOf(serviceId);
        const source = siblings.find((e) => e.environmentId === sourceId);
        if (!source) throw new NotFound('source environment');
        const sources = new Map(siblings.map((e) => [e.environmentId, e.sourceEnvironmentId]));
        if (createsPromotionCycle(sources, environmentId, sourceId)) {
          throw new InvalidState(
            `making ${source.name} (${sourceId}) the source of ${current.name} (${environmentId}) would create a promotion cycle`,
          );
        }
        plan.bumps!.push({ key: keys.environment(serviceId, sourceId), version: source.version });
      }
      next.sourceEnvironmentId = sourceId;
    }
    if (current.deploymentConfigId !== next.deploymentConfigId) {
      plan.counters!.push(deploymentConfigUsage(orgId, current.deploymentConfigId, -1), deploymentConfigUsage(orgId, next.deploymentConfigId, 1));
      plan.touches!.push(serviceTouch(orgId, serviceId));
    }
    const renamed = keys.environmentNameGuard(serviceId, current.name).sk !== keys.environmentNameGuard(serviceId, next.name).sk;
    const updated = advance(current, next);
    await commit({
      ...plan,
      puts: [{ item: updated, expectVersion: current.version }],
      ...(renamed
        ? {
            guardsAdd: [{ guard: environmentNameGuard(serviceId, next.name), owner: updated }],
            guardsRemove: [keys.environmentNameGuard(serviceId, current.name)],
          }
        : {}),
    });
  });
}

/**
 * Refused (409) while the environment has a service API or is another environment's promotion source;
 * otherwise removed with its guards, its count on the service and its deployment-config usage in one
 * transaction, conditional on the version read (an API create or a new dependant touches it, so a lost race
 * re-reads and is refused).
 */
export function deleteServiceEnvironment(orgId: string, serviceId: string, environmentId: string): Promise<void> {
  return withRetry(async () => {
    const [env, siblings, api] = await Promise.all([
      getEnvironment(orgId, serviceId, environmentId),
      environmentsOf(serviceId),
      hasServiceApi(serviceId, environmentId),
    ]);
    if (api) throw new InvalidState(`environment ${env.name} has a service API; delete the service API first`);
    const dependents = siblings.filter((e) => e.sourceEnvironmentId === environmentId);
    if (dependents.length > 0) {
      throw new InvalidState(
        `environment ${env.name} is the promotion source of ${dependents.map((d) => d.name).join(', ')}; change their source first`,
      );
    }
    await commit({
      deletes: [{ key: keys.environment(serviceId, environmentId), version: env.version }],
      guardsRemove: [keys.environmentNameGuard(serviceId, env.name), keys.environmentKeyGuard(serviceId, env.key)],
      counters: [serviceChildCounter(orgId, serviceId, 'environments', -1), deploymentConfigUsage(orgId, env.deploymentConfigId, -1)],
    });
  });
}
