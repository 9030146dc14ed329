import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-model-api group; one import and one entry per endpoint module.
import * as createServiceModel from './create-service-model.ts';
import * as describeServiceModel from './describe-service-model.ts';
import * as listServiceModel from './list-service-model.ts';
import * as updateServiceModel from './update-service-model.ts';
import * as deleteServiceModel from './delete-service-model.ts';
import * as enableServiceModelFeature from './enable-service-model-feature.ts';
import * as disableServiceModelFeature from './disable-service-model-feature.ts';
import * as copyServiceModel from './copy-service-model.ts';
import * as releaseServiceModelStatus from './release-service-model-status.ts';

export const operations: readonly AnyOperation[] = [
  createServiceModel.operation,
  describeServiceModel.operation,
  listServiceModel.operation,
  updateServiceModel.operation,
  deleteServiceModel.operation,
  enableServiceModelFeature.operation,
  disableServiceModelFeature.operation,
  copyServiceModel.operation,
  releaseServiceModelStatus.operation,
];
