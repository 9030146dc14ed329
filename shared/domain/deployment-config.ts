/**
 * Rules of deployment configs that need no I/O: the roll-out defaults, what an update changes, the delete
 * rule, and the described form.
 */
import type { z } from 'zod';
import { InvalidState } from '#shared/errors.ts';
import type { DeploymentConfigItem, InfraRollConfiguration } from '#shared/data/entities/deployment-config.ts';
import type { DescribeDeploymentConfigResult } from '#shared/schemas/deployment-config.ts';

export const DEFAULT_ROLL: InfraRollConfiguration = {
  infraRolloutStrategy: '',
  maximumNumberOfResourceInstancesPerBatch: 1,
  maximumUnavailableReplicas: 1,
};

/** The name of the default config every org gets on first use (reserved by its guard). */
export const DEFAULT_CONFIG_NAME = 'Default';

export interface DeploymentConfigChanges {
  name?: string;
  description?: string;
  infraRollConfiguration?: Partial<InfraRollConfiguration>;
  rolloutPriorityList?: string[];
}

/** The config after an update: only the fields given change; the roll configuration merges field by field. */
export function withDeploymentConfigChanges(current: DeploymentConfigItem, changes: DeploymentConfigChanges): DeploymentConfigItem {
  return {
    ...current,
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.infraRollConfiguration !== undefined
      ? { infraRollConfiguration: { ...current.infraRollConfiguration, ...changes.infraRollConfiguration } }
      : {}),
    ...(changes.rolloutPriorityList !== undefined ? { rolloutPriorityList: changes.rolloutPriorityList } : {}),
  };
}

/** The default config and one any environment uses cannot go (409). */
export function assertDeletable(dc: DeploymentConfigItem): void {
  if (dc.isDefault) throw new InvalidState('the default deployment config cannot be deleted');
  if (dc.usageCount > 0) {
    throw new InvalidState(`deployment config ${dc.deploymentConfigId} is used by ${dc.usageCount} environment(s); move or delete them first`);
  }
}

export function deploymentConfigView(dc: DeploymentConfigItem): z.input<typeof DescribeDeploymentConfigResult> {
  return {
    id: dc.deploymentConfigId,
    name: dc.name,
    description: dc.description,
    infraRollConfiguration: dc.infraRollConfiguration,
    rolloutPriorityList: dc.rolloutPriorityList,
  };
}
