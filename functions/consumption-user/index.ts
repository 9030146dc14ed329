import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the consumption-user-api group; one import and one entry per endpoint module.
import * as listAllSubscriptionUsers from './list-all-subscription-users.ts';
import * as inviteUser from './invite-user.ts';
import * as revokeUserRole from './revoke-user-role.ts';
import * as describeUsersBySubscription from './describe-users-by-subscription.ts';
import * as describeUserBillingDetails from './describe-user-billing-details.ts';
import * as signin from './signin.ts';

export const operations: readonly AnyOperation[] = [
  listAllSubscriptionUsers.operation,
  inviteUser.operation,
  revokeUserRole.operation,
  describeUsersBySubscription.operation,
  describeUserBillingDetails.operation,
  signin.operation,
];
