import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the consumption-billing-api group; one import and one entry per endpoint module.
import * as describeConsumptionBillingStatus from './describe-consumption-billing-status.ts';
import * as describeConsumptionBillingDetails from './describe-consumption-billing-details.ts';

export const operations: readonly AnyOperation[] = [describeConsumptionBillingStatus.operation, describeConsumptionBillingDetails.operation];
