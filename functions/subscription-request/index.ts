import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the subscription-request-api group; one import and one entry per endpoint module.
import * as createSubscriptionRequest from './create-subscription-request.ts';
import * as describeSubscriptionRequest from './describe-subscription-request.ts';
import * as listSubscriptionRequests from './list-subscription-requests.ts';
import * as cancelSubscriptionRequest from './cancel-subscription-request.ts';

export const operations: readonly AnyOperation[] = [
  createSubscriptionRequest.operation,
  describeSubscriptionRequest.operation,
  listSubscriptionRequests.operation,
  cancelSubscriptionRequest.operation,
];
