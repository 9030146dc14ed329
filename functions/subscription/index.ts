import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the subscription-api group; one import and one entry per endpoint module.
import * as createSubscription from './create-subscription.ts';
import * as describeSubscription from './describe-subscription.ts';
import * as listSubscriptions from './list-subscriptions.ts';
import * as deleteSubscription from './delete-subscription.ts';

export const operations: readonly AnyOperation[] = [
  createSubscription.operation,
  describeSubscription.operation,
  listSubscriptions.operation,
  deleteSubscription.operation,
];
