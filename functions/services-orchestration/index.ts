import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the services-orchestration-api group; one import and one entry per endpoint module.
import * as createServicesOrchestration from './create-services-orchestration.ts';
import * as describeServicesOrchestration from './describe-services-orchestration.ts';
import * as listServicesOrchestrations from './list-services-orchestrations.ts';
import * as modifyServicesOrchestration from './modify-services-orchestration.ts';
import * as deleteServicesOrchestration from './delete-services-orchestration.ts';

export const operations: readonly AnyOperation[] = [
  createServicesOrchestration.operation,
  describeServicesOrchestration.operation,
  listServicesOrchestrations.operation,
  modifyServicesOrchestration.operation,
  deleteServicesOrchestration.operation,
];
