import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the resource-instance-api group; one import and one entry per endpoint module.
import * as createResourceInstance from './create-resource-instance.ts';
import * as describeResourceInstance from './describe-resource-instance.ts';
import * as listResourceInstances from './list-resource-instances.ts';
import * as listAllResourceInstances from './list-all-resource-instances.ts';
import * as deleteResourceInstance from './delete-resource-instance.ts';

export const operations: readonly AnyOperation[] = [
  createResourceInstance.operation,
  describeResourceInstance.operation,
  listResourceInstances.operation,
  listAllResourceInstances.operation,
  deleteResourceInstance.operation,
];
