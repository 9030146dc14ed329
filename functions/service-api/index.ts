import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-api-api group; one import and one entry per endpoint module.
import * as createServiceAPI from './create-service-api.ts';
import * as describeServiceAPI from './describe-service-api.ts';
import * as listServiceAPI from './list-service-api.ts';
import * as updateServiceAPI from './update-service-api.ts';
import * as deleteServiceAPI from './delete-service-api.ts';
import * as deprecateServiceAPI from './deprecate-service-api.ts';
import * as releaseServiceAPI from './release-service-api.ts';
import * as describePendingChanges from './describe-pending-changes.ts';
import * as discardPendingChanges from './discard-pending-changes.ts';

export const operations: readonly AnyOperation[] = [
  createServiceAPI.operation,
  describeServiceAPI.operation,
  listServiceAPI.operation,
  updateServiceAPI.operation,
  deleteServiceAPI.operation,
  deprecateServiceAPI.operation,
  releaseServiceAPI.operation,
  describePendingChanges.operation,
  discardPendingChanges.operation,
];
