import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-api group; one import and one entry per endpoint module.
import * as createService from './create-service.ts';
import * as describeService from './describe-service.ts';
import * as listService from './list-service.ts';
import * as updateService from './update-service.ts';
import * as deleteService from './delete-service.ts';
import * as serviceHealth from './service-health.ts';

export const operations: readonly AnyOperation[] = [
  createService.operation,
  describeService.operation,
  listService.operation,
  updateService.operation,
  deleteService.operation,
  serviceHealth.operation,
];
