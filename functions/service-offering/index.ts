import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the service-offering-api group; one import and one entry per endpoint module.
import * as listServiceOffering from './list-service-offering.ts';
import * as describeServiceOffering from './describe-service-offering.ts';
import * as describeServiceOfferingResource from './describe-service-offering-resource.ts';

export const operations: readonly AnyOperation[] = [listServiceOffering.operation, describeServiceOffering.operation, describeServiceOfferingResource.operation];
