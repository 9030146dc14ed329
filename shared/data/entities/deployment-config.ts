/**
 * A deployment config of an org (`ORG#<orgId>` / `DC#<id>`).
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*, shared/errors.ts and types.
 */
import type { Stored } from '#shared/data/store.ts';

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
  /** Environments using this config; changed only together with the environment write. */
  usageCount: number;
}
