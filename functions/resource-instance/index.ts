import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the resource-instance-api group; one import and one entry per endpoint module.
import * as createResourceInstance from './create-resource-instance.ts';
import * as describeResourceInstance from './describe-resource-instance.ts';
import * as listResourceInstances from './list-resource-instances.ts';
import * as listAllResourceInstances from './list-all-resource-instances.ts';
import * as deleteResourceInstance from './delete-resource-instance.ts';
import * as startResourceInstance from './start-resource-instance.ts';
import * as stopResourceInstance from './stop-resource-instance.ts';
import * as restartResourceInstance from './restart-resource-instance.ts';
import * as updateResourceInstance from './update-resource-instance.ts';
import * as addCapacityToResourceInstance from './add-capacity-to-resource-instance.ts';
import * as removeCapacityFromResourceInstance from './remove-capacity-from-resource-instance.ts';
import * as failoverResourceInstance from './failover-resource-instance.ts';
import * as addCustomDNSToResourceInstance from './add-custom-dns-to-resource-instance.ts';
import * as removeCustomDNSFromResourceInstance from './remove-custom-dns-from-resource-instance.ts';
import * as generateTokenForDeploymentCellDashboard from './generate-token-for-deployment-cell-dashboard.ts';

import * as listResourceInstanceSnapshots from './list-resource-instance-snapshots.ts';
import * as restoreResourceInstance from './restore-resource-instance.ts';
import * as restoreResourceInstanceFromSnapshot from './restore-resource-instance-from-snapshot.ts';

export const operations: readonly AnyOperation[] = [
  createResourceInstance.operation,
  describeResourceInstance.operation,
  listResourceInstances.operation,
  listAllResourceInstances.operation,
  deleteResourceInstance.operation,
  startResourceInstance.operation,
  stopResourceInstance.operation,
  restartResourceInstance.operation,
  updateResourceInstance.operation,
  addCapacityToResourceInstance.operation,
  removeCapacityFromResourceInstance.operation,
  failoverResourceInstance.operation,
  addCustomDNSToResourceInstance.operation,
  removeCustomDNSFromResourceInstance.operation,
  generateTokenForDeploymentCellDashboard.operation,
  listResourceInstanceSnapshots.operation,
  restoreResourceInstance.operation,
  restoreResourceInstanceFromSnapshot.operation,
];
