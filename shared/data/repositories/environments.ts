/**
 * Service environments: `ENV#<id>` items in their service's partition. Names (and the keys derived from
 * them) are unique within the service through `UNIQUE#ENVNAME#…` / `UNIQUE#ENVKEY#…` guards. Each
 * environment holds one usage on its deployment config, and every write that adds, removes or re-points
 * one touches the service item so a concurrent DeleteService cannot miss it.
 */
import { keys, TREE } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryAll,
  queryPage,
  type Page,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { deriveKey, uniqueKey } from '#shared/domain/keys.ts';
import {
  createsPromotionCycle,
  publicKeyProblem,
  type EnvironmentType,
  type Visibility,
} from '#shared/domain/environments.ts';
import { getService, readServiceTree, serviceTouch } from '#shared/data/repositories/services.ts';
import {
  DEFAULT_DEPLOYMENT_CONFIG_ID,
  deploymentConfigUsage,
  getDeploymentConfig,
} from '#shared/data/repositories/deployment-configs.ts';
import { environmentsOf, getEnvironment, type EnvironmentItem } from '#shared/data/entities/environment.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/environment.ts';


const envKey = keys.environment;
const nameGuardKey = keys.environmentNameGuard;
const nameGuard = (serviceId: string, name: string) => ({
  key: nameGuardKey(serviceId, name),
  conflict: `an environment named "${name.trim()}" already exists in this service`,
});
const keyTakenMessage = (key: string) => `environment key "${key}" is taken`;

function checkPublicKey(pem: string | undefined): void {
  if (!pem) return;
  const problem = publicKeyProblem(pem);
  if (problem) throw new BadRequest(`body.serviceAuthPublicKey ${problem}`);
}

/**
 * Bumps an environment's version inside another write's transaction (conditional on `version` when
 * given): used on the promotion source an environment starts pointing at, so the source cannot be deleted,
 * or re-pointed into a cycle, by a concurrent request that read the older state. Child creates of other
 * groups (service APIs) can use it the same way to stop a concurrent environment delete.
 */
export function environmentTouch(serviceId: string, environmentId: string, version?: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: envKey(serviceId, environmentId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: version === undefined ? 'attribute_exists(pk)' : 'version = :v',
      ExpressionAttributeValues: version === undefined ? { ':one': 1 } : { ':one': 1, ':v': version },
    },
  };
}



export async function listEnvironments(
  orgId: string,
  serviceId: string,
  limit?: number,
  pageToken?: string,
): Promise<Page<EnvironmentItem>> {
  await getService(orgId, serviceId);
  return queryPage<EnvironmentItem>({ ...keys.environmentsOfService(serviceId), limit, pageToken });
}

export interface NewEnvironment {
  name: string;
  description: string;
  type: EnvironmentType;
  visibility: Visibility;
  deploymentConfigId?: string;
  sourceEnvironmentId?: string;
  serviceAuthPublicKey?: string;
  autoApproveSubscription?: boolean;
}

/**
 * Creates an environment in one transaction with its guards, one usage on its deployment config, a touch
 * of the service and of its promotion source. A new environment has no incoming promotion edge, so it
 * cannot close a cycle.
 */
export async function createEnvironment(orgId: string, serviceId: string, input: NewEnvironment): Promise<EnvironmentItem> {
  await getService(orgId, serviceId);
  checkPublicKey(input.serviceAuthPublicKey);
  const dc = await getDeploymentConfig(orgId, input.deploymentConfigId || DEFAULT_DEPLOYMENT_CONFIG_ID);
  const environmentId = newId(ID_PREFIX.environment);
  const name = input.name.trim();
  const base = deriveKey(name);
  for (let attempt = 0; ; attempt++) {
    // After a lost race the service itself may be what changed: a deleted one answers 404.
    if (attempt > 0) await getService(orgId, serviceId);
    const siblings = await environmentsOf(serviceId);
    const source = input.sourceEnvironmentId
      ? siblings.find((e) => e.environmentId === input.sourceEnvironmentId)
      : undefined;
    if (input.sourceEnvironmentId && !source) throw new NotFound('source environment');
    const key = uniqueKey(base, new Set(siblings.map((e) => e.key)));
    const item = {
      ...envKey(serviceId, environmentId),
      entity: 'environment' as const,
      environmentId,
      serviceId,
      orgId,
      name,
      key,
      description: input.description,
      type: input.type,
      visibility: input.visibility,
      deploymentConfigId: dc.deploymentConfigId,
      sourceEnvironmentId: source?.environmentId ?? '',
      serviceAuthPublicKey: input.serviceAuthPublicKey?.trim() ?? '',
      autoApproveSubscription: input.autoApproveSubscription ?? false,
    };
    try {
      return (await createWithGuards(
        item,
        [
          nameGuard(serviceId, name),
          { key: keys.environmentKeyGuard(serviceId, key), conflict: keyTakenMessage(key), attributes: { environmentId } },
        ],
        [
          deploymentConfigUsage(orgId, dc.deploymentConfigId, 1),
          serviceTouch(orgId, serviceId),
          ...(source ? [environmentTouch(serviceId, source.environmentId)] : []),
        ],
      )) as EnvironmentItem;
    } catch (e) {
      // A taken name is final. A taken key, or a transaction that lost to a concurrent one (siblings all
      // touch the service item), is retried from a fresh read; a vanished source then answers 404.
      if (!(e instanceof Conflict) || e.message === nameGuard(serviceId, name).conflict || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
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
 * moves the usage count; a new promotion source must be a sibling and must not close a cycle, and is
 * touched conditional on the version read, so two crossing re-points cannot both succeed.
 */
export async function updateEnvironment(
  orgId: string,
  serviceId: string,
  environmentId: string,
  changes: EnvironmentChanges,
): Promise<EnvironmentItem> {
  checkPublicKey(changes.serviceAuthPublicKey);
  const dc = changes.deploymentConfigId ? await getDeploymentConfig(orgId, changes.deploymentConfigId) : undefined;
  let sourceVersion: number | undefined;
  return mutate<EnvironmentItem>(
    envKey(serviceId, environmentId),
    async (current) => {
      sourceVersion = undefined;
      const next: EnvironmentItem = { ...current };
      if (changes.name !== undefined) next.name = changes.name.trim();
      if (changes.description !== undefined) next.description = changes.description;
      if (changes.visibility !== undefined) next.visibility = changes.visibility;
      if (changes.autoApproveSubscription !== undefined) next.autoApproveSubscription = changes.autoApproveSubscription;
      if (changes.serviceAuthPublicKey !== undefined) next.serviceAuthPublicKey = changes.serviceAuthPublicKey.trim();
      if (dc) next.deploymentConfigId = dc.deploymentConfigId;
      const sourceId = changes.sourceEnvironmentId;
      if (sourceId !== undefined && sourceId !== current.sourceEnvironmentId) {
        if (sourceId) {
          if (sourceId === environmentId) throw new BadRequest('body.sourceEnvironmentId: an environment cannot be its own source');
          const siblings = await environmentsOf(serviceId);
          const source = siblings.find((e) => e.environmentId === sourceId);
          if (!source) throw new NotFound('source environment');
          const sources = new Map(siblings.map((e) => [e.environmentId, e.sourceEnvironmentId]));
          if (createsPromotionCycle(sources, environmentId, sourceId)) {
            throw new Conflict(
              `making ${source.name} (${sourceId}) the source of ${current.name} (${environmentId}) would create a promotion cycle`,
            );
          }
          sourceVersion = source.version;
        }
        next.sourceEnvironmentId = sourceId;
      }
      return next;
    },
    {
      entity: 'service environment',
      visible: (e) => e.entity === 'environment' && e.orgId === orgId,
      guards: (before, after) => {
        const from = nameGuardKey(serviceId, before.name);
        const to = nameGuardKey(serviceId, after.name);
        if (from.sk === to.sk) return { add: [], remove: [] };
        return { add: [nameGuard(serviceId, after.name)], remove: [from] };
      },
      extra: (before, after) => {
        const writes: TransactItem[] = [];
        if (before.deploymentConfigId !== after.deploymentConfigId) {
          writes.push(
            deploymentConfigUsage(orgId, before.deploymentConfigId, -1),
            deploymentConfigUsage(orgId, after.deploymentConfigId, 1),
            serviceTouch(orgId, serviceId),
          );
        }
        if (sourceVersion !== undefined) writes.push(environmentTouch(serviceId, after.sourceEnvironmentId, sourceVersion));
        return writes;
      },
    },
  );
}

/**
 * Refused (409) while the environment has a service API or is another environment's promotion source;
 * otherwise removed with its guards and its deployment-config usage in one transaction, conditional on the
 * version read (creates under it touch it).
 */
export async function deleteEnvironment(orgId: string, serviceId: string, environmentId: string): Promise<void> {
  const { items } = await readServiceTree(orgId, serviceId);
  const env = items.find((i) => i.sk === envKey(serviceId, environmentId).sk) as EnvironmentItem | undefined;
  if (!env || env.entity !== 'environment') throw new NotFound('service environment');
  const apis = items.filter((i) => i.sk.startsWith(`${TREE.serviceApi}#`) && i.environmentId === environmentId);
  if (apis.length > 0) {
    throw new Conflict(`environment ${env.name} has a service API; delete the service API first`);
  }
  const dependents = (items as unknown as EnvironmentItem[]).filter(
    (i) => i.entity === 'environment' && i.sourceEnvironmentId === environmentId,
  );
  if (dependents.length > 0) {
    throw new Conflict(
      `environment ${env.name} is the promotion source of ${dependents.map((d) => d.name).join(', ')}; change their source first`,
    );
  }
  await deleteAtomically(envKey(serviceId, environmentId), {
    version: env.version,
    alsoDelete: [nameGuardKey(serviceId, env.name), keys.environmentKeyGuard(serviceId, env.key)],
    extra: [deploymentConfigUsage(orgId, env.deploymentConfigId, -1), serviceTouch(orgId, serviceId)],
  });
}
