import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-api-api group; one import and one entry per endpoint module.
import * as createServiceApi from './create-service-api.ts';
import * as describeServiceApi from './describe-service-api.ts';
import * as listServiceApi from './list-service-api.ts';
import * as updateServiceApi from './update-service-api.ts';
import * as deleteServiceApi from './delete-service-api.ts';
import * as deprecateServiceApi from './deprecate-service-api.ts';

export const operations: readonly AnyOperation[] = [
  createServiceApi.operation,
  describeServiceApi.operation,
  listServiceApi.operation,
  updateServiceApi.operation,
  deleteServiceApi.operation,
  deprecateServiceApi.operation,
];
