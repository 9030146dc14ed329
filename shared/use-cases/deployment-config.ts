/**
 * Use cases of the deployment-config group (one per operationId). Deployment configs live in the org
 * partition; every org has a default one, created on first need and reached through the `DCDEFAULT` pointer
 * (clients ask for the literal id `default`). Each config counts the environments that use it, updated in
 * the same transaction as the environment write, so "in use → cannot delete" holds under races.
 */
import { keys } from '#shared/data/keys.ts';
import { advance, commit, stamp, withRetry } from '#shared/data/store.ts';
import { Conflict } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import {
  DEFAULT_DEPLOYMENT_CONFIG_ID,
  defaultPointer,
  deploymentConfigNameGuard,
  deploymentConfigsPage,
  getDeploymentConfig,
  readDefaultDeploymentConfig,
  type DeploymentConfigItem,
} from '#shared/data/entities/deployment-config.ts';
import {
  assertDeletable,
  DEFAULT_CONFIG_NAME,
  DEFAULT_ROLL,
  deploymentConfigView,
  withDeploymentConfigChanges,
  type DeploymentConfigChanges,
} from '#shared/domain/deployment-config.ts';
import { pageOf } from '#shared/schemas/common.ts';

function newConfig(orgId: string, name: string, fields: Partial<DeploymentConfigItem>): DeploymentConfigItem {
  const deploymentConfigId = newId(ID_PREFIX.deploymentConfig);
  return stamp({
    ...keys.deploymentConfig(orgId, deploymentConfigId),
    entity: 'deploymentConfig' as const,
    deploymentConfigId,
    orgId,
    name,
    description: '',
    infraRollConfiguration: DEFAULT_ROLL,
    rolloutPriorityList: [],
    isDefault: false,
    usageCount: 0,
    ...fields,
  });
}

/**
 * The org's default deployment config, created on first need. The pointer is written as a new item in the
 * same transaction as the config, so concurrent first calls create exactly one; the losers read the winner's.
 */
export function ensureDefaultDeploymentConfig(orgId: string): Promise<DeploymentConfigItem> {
  return withRetry(async () => {
    const existing = await readDefaultDeploymentConfig(orgId);
    if (existing) return existing;
    const item = newConfig(orgId, DEFAULT_CONFIG_NAME, { description: 'Default deployment config of the org', isDefault: true });
    try {
      await commit({
        puts: [{ item }],
        appends: [defaultPointer(orgId, item.deploymentConfigId)],
        guardsAdd: [{ guard: deploymentConfigNameGuard(orgId, DEFAULT_CONFIG_NAME), owner: item }],
      });
      return item;
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      const winner = await readDefaultDeploymentConfig(orgId);
      if (winner) return winner;
      throw e;
    }
  });
}

/** A deployment config of the org by id, where `default` names (and on first use creates) the default. */
export function resolveDeploymentConfig(orgId: string, id: string): Promise<DeploymentConfigItem> {
  return id === DEFAULT_DEPLOYMENT_CONFIG_ID ? ensureDefaultDeploymentConfig(orgId) : getDeploymentConfig(orgId, id);
}

export async function listDeploymentConfigs(orgId: string, query: { pageSize?: number; nextPageToken?: string }) {
  // Listing is one of the "first needs": an org never shows an empty list.
  await ensureDefaultDeploymentConfig(orgId);
  const page = await deploymentConfigsPage(orgId, query.pageSize, query.nextPageToken);
  return pageOf(page, (dc) => dc.deploymentConfigId);
}

export interface NewDeploymentConfig extends DeploymentConfigChanges {
  name: string;
}

/** Answers the new config's id. */
export async function createDeploymentConfig(orgId: string, input: NewDeploymentConfig): Promise<string> {
  // The default claims its name first, so a user's config can never take it and block the default.
  await ensureDefaultDeploymentConfig(orgId);
  const name = input.name.trim();
  const item = newConfig(orgId, name, {
    description: input.description ?? '',
    infraRollConfiguration: { ...DEFAULT_ROLL, ...input.infraRollConfiguration },
    rolloutPriorityList: input.rolloutPriorityList ?? [],
  });
  await withRetry(() => commit({ puts: [{ item }], guardsAdd: [{ guard: deploymentConfigNameGuard(orgId, name), owner: item }] }));
  return item.deploymentConfigId;
}

export async function describeDeploymentConfig(orgId: string, id: string) {
  return deploymentConfigView(await resolveDeploymentConfig(orgId, id));
}

/** A rename moves the name guard in the same write. */
export function updateDeploymentConfig(orgId: string, id: string, changes: DeploymentConfigChanges): Promise<void> {
  return withRetry(async () => {
    const current = await resolveDeploymentConfig(orgId, id);
    const next = advance(current, withDeploymentConfigChanges(current, changes));
    const renamed = keys.deploymentConfigNameGuard(orgId, current.name).sk !== keys.deploymentConfigNameGuard(orgId, next.name).sk;
    await commit({
      puts: [{ item: next, expectVersion: current.version }],
      ...(renamed
        ? {
            guardsAdd: [{ guard: deploymentConfigNameGuard(orgId, next.name), owner: next }],
            guardsRemove: [keys.deploymentConfigNameGuard(orgId, current.name)],
          }
        : {}),
    });
  });
}

/**
 * Refused (409) for the default config and for one any environment uses. The delete is conditional on the
 * version read, and every usage change bumps that version, so an environment attached meanwhile makes the
 * delete re-read and be refused instead of leaving the environment pointing at nothing.
 */
export function deleteDeploymentConfig(orgId: string, id: string): Promise<void> {
  return withRetry(async () => {
    const dc = await resolveDeploymentConfig(orgId, id);
    assertDeletable(dc);
    await commit({
      deletes: [{ key: keys.deploymentConfig(orgId, dc.deploymentConfigId), version: dc.version }],
      guardsRemove: [keys.deploymentConfigNameGuard(orgId, dc.name)],
    });
  });
}
