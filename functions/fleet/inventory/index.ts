import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the inventory-api group (Fleet API); one import and one entry per endpoint module.
import * as listSubscription from './list-subscription.ts';
import * as describeSubscription from './describe-subscription.ts';
import * as updateSubscription from './update-subscription.ts';
import * as suspendSubscription from './suspend-subscription.ts';
import * as resumeSubscription from './resume-subscription.ts';
import * as terminateSubscription from './terminate-subscription.ts';
import * as createSubscriptionOnBehalfOfCustomer from './create-subscription-on-behalf-of-customer.ts';
import * as listSubscriptionRequests from './list-subscription-requests.ts';
import * as describeSubscriptionRequest from './describe-subscription-request.ts';
import * as approveSubscriptionRequest from './approve-subscription-request.ts';
import * as denySubscriptionRequest from './deny-subscription-request.ts';

export const operations: readonly AnyOperation[] = [
  listSubscription.operation,
  describeSubscription.operation,
  updateSubscription.operation,
  suspendSubscription.operation,
  resumeSubscription.operation,
  terminateSubscription.operation,
  createSubscriptionOnBehalfOfCustomer.operation,
  listSubscriptionRequests.operation,
  describeSubscriptionRequest.operation,
  approveSubscriptionRequest.operation,
  denySubscriptionRequest.operation,
];
