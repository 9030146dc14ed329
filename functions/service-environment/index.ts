import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-environment-api group; one import and one entry per endpoint module.
import * as createServiceEnvironment from './create-service-environment.ts';
import * as describeServiceEnvironment from './describe-service-environment.ts';
import * as listServiceEnvironment from './list-service-environment.ts';
import * as updateServiceEnvironment from './update-service-environment.ts';
import * as deleteServiceEnvironment from './delete-service-environment.ts';
import * as promoteServiceEnvironment from './promote-service-environment.ts';
import * as promoteServiceEnvironmentStatus from './promote-service-environment-status.ts';

export const operations: readonly AnyOperation[] = [
  createServiceEnvironment.operation,
  describeServiceEnvironment.operation,
  listServiceEnvironment.operation,
  updateServiceEnvironment.operation,
  deleteServiceEnvironment.operation,
  promoteServiceEnvironment.operation,
  promoteServiceEnvironmentStatus.operation,
];
