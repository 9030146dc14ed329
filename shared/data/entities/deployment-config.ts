/**
 * A deployment config of an org (`ORG#<orgId>` / `DC#<id>`), its name guard, the `DCDEFAULT` pointer at the
 * org's default config, and the usage count every environment holds on its config.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, queryPage, type Guard, type Key, type Page, type Stored, type TransactionPlan } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';

/** The id clients send for the org's default deployment config. */
export const DEFAULT_DEPLOYMENT_CONFIG_ID = 'default';

export interface InfraRollConfiguration {
  infraRolloutStrategy: string;
  maximumNumberOfResourceInstancesPerBatch: number;
  maximumUnavailableReplicas: number;
}

export interface DeploymentConfigItem extends Stored {
  entity: 'deploymentConfig';
  deploymentConfigId: string;
  orgId: string;
  name: string;
  description: string;
  infraRollConfiguration: InfraRollConfiguration;
  rolloutPriorityList: string[];
  isDefault: boolean;
  /** Environments using this config; changed only together with the environment write (`deploymentConfigUsage`). */
  usageCount: number;
}

/** The `DCDEFAULT` item: which config is the org's default. */
export interface DefaultPointerItem extends Key {
  entity: 'deploymentConfigDefault';
  deploymentConfigId: string;
}

export function defaultPointer(orgId: string, deploymentConfigId: string): DefaultPointerItem {
  return { ...keys.defaultDeploymentConfig(orgId), entity: 'deploymentConfigDefault', deploymentConfigId };
}

/** A deployment config of the org by its real id (not `default`), or 404. */
export async function getDeploymentConfig(orgId: string, deploymentConfigId: string): Promise<DeploymentConfigItem> {
  const item = await getItem<DeploymentConfigItem>(keys.deploymentConfig(orgId, deploymentConfigId));
  if (!item || item.entity !== 'deploymentConfig' || item.orgId !== orgId) throw new NotFound('deployment config');
  return item;
}

/** The org's default config, or undefined before its first use. */
export async function readDefaultDeploymentConfig(orgId: string): Promise<DeploymentConfigItem | undefined> {
  const pointer = await getItem<DefaultPointerItem>(keys.defaultDeploymentConfig(orgId));
  if (!pointer) return undefined;
  return getItem<DeploymentConfigItem>(keys.deploymentConfig(orgId, pointer.deploymentConfigId));
}

/** One page of the org's deployment configs. */
export function deploymentConfigsPage(orgId: string, limit?: number, pageToken?: string): Promise<Page<DeploymentConfigItem>> {
  return queryPage<DeploymentConfigItem>({ ...keys.deploymentConfigsOfOrg(orgId), limit, pageToken });
}

export function deploymentConfigNameGuard(orgId: string, name: string): Guard {
  return { key: keys.deploymentConfigNameGuard(orgId, name), conflict: `a deployment config named "${name.trim()}" already exists` };
}

/**
 * The `counters` entry that adds `delta` environments to a config's usage: the config must exist in the org
 * (404 otherwise) and its version moves, so a delete conditional on the version it read cannot miss a user.
 */
export function deploymentConfigUsage(orgId: string, deploymentConfigId: string, delta: number): NonNullable<TransactionPlan['counters']>[number] {
  return { key: keys.deploymentConfig(orgId, deploymentConfigId), add: { usageCount: delta }, entity: 'deployment config', orgId };
}
