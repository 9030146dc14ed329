import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the deployment-config-api group; one import and one entry per endpoint module.
import * as listDeploymentConfigs from './list-deployment-configs.ts';
import * as createDeploymentConfig from './create-deployment-config.ts';
import * as describeDeploymentConfig from './describe-deployment-config.ts';
import * as updateDeploymentConfig from './update-deployment-config.ts';
import * as deleteDeploymentConfig from './delete-deployment-config.ts';

export const operations: readonly AnyOperation[] = [
  listDeploymentConfigs.operation,
  createDeploymentConfig.operation,
  describeDeploymentConfig.operation,
  updateDeploymentConfig.operation,
  deleteDeploymentConfig.operation,
];
