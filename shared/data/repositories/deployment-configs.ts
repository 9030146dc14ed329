/**
 * Deployment configs live in the org partition. Every org has a default one, created lazily on first need
 * and reached through the `DCDEFAULT` pointer (clients ask for the literal id `default`). Each config
 * counts the environments that use it (`usageCount`), updated in the same transaction as the environment
 * write, so "in use → cannot delete" holds under races.
 */
import { keys } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import {
  createWithGuards,
  deleteAtomically,
  getItem,
  mutate,
  queryPage,
  type Page,
  type Stored,
  type TransactItem,
} from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { DEFAULT_DEPLOYMENT_CONFIG_ID, type DeploymentConfigItem, type InfraRollConfiguration } from '#shared/data/entities/deployment-config.ts';
// Entity reads and types live in the entity module; re-exported while callers move (docs/decisions/005).
export * from '#shared/data/entities/deployment-config.ts';




interface DefaultPointer {
  deploymentConfigId: string;
}

const DEFAULT_ROLL: InfraRollConfiguration = {
  infraRolloutStrategy: '',
  maximumNumberOfResourceInstancesPerBatch: 1,
  maximumUnavailableReplicas: 1,
};

const nameGuard = (orgId: string, name: string) => ({
  key: keys.deploymentConfigNameGuard(orgId, name),
  conflict: `a deployment config named "${name.trim()}" already exists`,
});

async function readDefault(orgId: string): Promise<DeploymentConfigItem | undefined> {
  const pointer = await getItem<DefaultPointer>(keys.defaultDeploymentConfig(orgId));
  if (!pointer) return undefined;
  return getItem<DeploymentConfigItem>(keys.deploymentConfig(orgId, pointer.deploymentConfigId));
}

/**
 * The org's default deployment config, created on first need. The pointer is written with
 * attribute_not_exists in the same transaction as the config, so concurrent first calls create exactly one;
 * the losers read the winner's.
 */
export async function ensureDefaultDeploymentConfig(orgId: string): Promise<DeploymentConfigItem> {
  const existing = await readDefault(orgId);
  if (existing) return existing;
  const deploymentConfigId = newId(ID_PREFIX.deploymentConfig);
  const name = 'Default';
  const pointer: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: { ...keys.defaultDeploymentConfig(orgId), entity: 'deploymentConfigDefault', deploymentConfigId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    return (await createWithGuards(
      {
        ...keys.deploymentConfig(orgId, deploymentConfigId),
        entity: 'deploymentConfig' as const,
        deploymentConfigId,
        orgId,
        name,
        description: 'Default deployment config of the org',
        infraRollConfiguration: DEFAULT_ROLL,
        rolloutPriorityList: [],
        isDefault: true,
        usageCount: 0,
      },
      [nameGuard(orgId, name)],
      [pointer],
    )) as DeploymentConfigItem;
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    const winner = await readDefault(orgId);
    if (winner) return winner;
    throw e;
  }
}

/** A deployment config of the org by id (`default` resolves the default one), or 404. */
export async function getDeploymentConfig(orgId: string, id: string): Promise<DeploymentConfigItem> {
  if (id === DEFAULT_DEPLOYMENT_CONFIG_ID) return ensureDefaultDeploymentConfig(orgId);
  const item = await getItem<DeploymentConfigItem>(keys.deploymentConfig(orgId, id));
  if (!item) throw new NotFound('deployment config');
  return item;
}

export async function listDeploymentConfigs(
  orgId: string,
  limit?: number,
  pageToken?: string,
): Promise<Page<DeploymentConfigItem>> {
  // Listing is one of the "first needs": an org never shows an empty list.
  await ensureDefaultDeploymentConfig(orgId);
  return queryPage<DeploymentConfigItem>({ ...keys.deploymentConfigsOfOrg(orgId), limit, pageToken });
}

export interface DeploymentConfigInput {
  name: string;
  description?: string;
  infraRollConfiguration?: Partial<InfraRollConfiguration>;
  rolloutPriorityList?: string[];
}

export async function createDeploymentConfig(orgId: string, input: DeploymentConfigInput): Promise<DeploymentConfigItem> {
  // The default claims its name first, so a user's config can never take it and block the default.
  await ensureDefaultDeploymentConfig(orgId);
  const deploymentConfigId = newId(ID_PREFIX.deploymentConfig);
  const name = input.name.trim();
  return (await createWithGuards(
    {
      ...keys.deploymentConfig(orgId, deploymentConfigId),
      entity: 'deploymentConfig' as const,
      deploymentConfigId,
      orgId,
      name,
      description: input.description ?? '',
      infraRollConfiguration: { ...DEFAULT_ROLL, ...input.infraRollConfiguration },
      rolloutPriorityList: input.rolloutPriorityList ?? [],
      isDefault: false,
      usageCount: 0,
    },
    [nameGuard(orgId, name)],
  )) as DeploymentConfigItem;
}

export async function updateDeploymentConfig(
  orgId: string,
  id: string,
  changes: Partial<DeploymentConfigInput>,
): Promise<DeploymentConfigItem> {
  const { deploymentConfigId } = await getDeploymentConfig(orgId, id);
  return mutate<DeploymentConfigItem>(
    keys.deploymentConfig(orgId, deploymentConfigId),
    (current) => ({
      ...current,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.infraRollConfiguration !== undefined
        ? { infraRollConfiguration: { ...current.infraRollConfiguration, ...changes.infraRollConfiguration } }
        : {}),
      ...(changes.rolloutPriorityList !== undefined ? { rolloutPriorityList: changes.rolloutPriorityList } : {}),
    }),
    {
      entity: 'deployment config',
      guards: (before, after) => {
        const from = keys.deploymentConfigNameGuard(orgId, before.name);
        const to = keys.deploymentConfigNameGuard(orgId, after.name);
        if (from.sk === to.sk) return { add: [], remove: [] };
        return { add: [nameGuard(orgId, after.name)], remove: [from] };
      },
    },
  );
}

/**
 * Refused (409) for the default config and for one any environment uses. The delete is conditional on the
 * version read, and every usage change bumps that version, so an environment attached meanwhile makes the
 * delete fail instead of leaving it pointing at nothing.
 */
export async function deleteDeploymentConfig(orgId: string, id: string): Promise<void> {
  const dc = await getDeploymentConfig(orgId, id);
  if (dc.isDefault) throw new Conflict('the default deployment config cannot be deleted');
  if (dc.usageCount > 0) {
    throw new Conflict(
      `deployment config ${dc.deploymentConfigId} is used by ${dc.usageCount} environment(s); move or delete them first`,
    );
  }
  await deleteAtomically(keys.deploymentConfig(orgId, dc.deploymentConfigId), {
    version: dc.version,
    alsoDelete: [keys.deploymentConfigNameGuard(orgId, dc.name)],
  });
}

/**
 * The transaction write that adds `delta` environments to a config's usage. It requires the config to
 * exist and bumps its version (see deleteDeploymentConfig).
 */
export function deploymentConfigUsage(orgId: string, deploymentConfigId: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.deploymentConfig(orgId, deploymentConfigId),
      UpdateExpression: 'ADD usageCount :delta, version :one SET updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta, ':one': 1, ':now': new Date().toISOString() },
    },
  };
}
