import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-api group; one import and one entry per endpoint module.
import * as createService from './create-service.ts';
import * as describeService from './describe-service.ts';
import * as listService from './list-service.ts';
import * as updateService from './update-service.ts';
import * as deleteService from './delete-service.ts';
import * as serviceHealth from './service-health.ts';
import * as buildServiceFromComposeSpec from './build-service-from-compose-spec.ts';
import * as buildServiceFromServicePlanSpec from './build-service-from-service-plan-spec.ts';
import * as createServiceFromComposeSpec from './create-service-from-compose-spec.ts';

export const operations: readonly AnyOperation[] = [
  createService.operation,
  describeService.operation,
  listService.operation,
  updateService.operation,
  deleteService.operation,
  serviceHealth.operation,
  buildServiceFromComposeSpec.operation,
  buildServiceFromServicePlanSpec.operation,
  createServiceFromComposeSpec.operation,
];
