/**
 * The customer side of the users-api: a provider's customers sign up, sign in, reset their password, are
 * invited and leave. The customer-facing operations are called by the provider's portal with the provider's
 * token (access `provider`): that token names the provider the customer belongs to.
 */
import { findCustomerUserByEmail as findByEmail, type CustomerUserItem } from '#shared/data/entities/user.ts';

/**
 * The customer user of `providerOrgId` with `email` (case-insensitive), or undefined. For other use cases
 * (InviteUser on a subscription invites an existing customer user of the same provider).
 */
export function findCustomerUserByEmail(providerOrgId: string, email: string): Promise<CustomerUserItem | undefined> {
  return findByEmail(providerOrgId, email);
}
