/**
 * Wire schemas of consumption-user-api's subscription users and billing (the customer side; Signin is the
 * customers helper's).
 */
import { z } from 'zod';
import { Id, LIMITS } from '#shared/schemas/common.ts';
import { EnvironmentTypeInput } from '#shared/schemas/service-environment.ts';
import { optionalQuery } from '#shared/schemas/subscription.ts';
import { Email } from '#shared/schemas/signup.ts';

export const SUBSCRIPTION_ROLES = ['root', 'editor', 'reader'] as const;

export const SubscriptionRoleInput = z
  .string()
  .max(LIMITS.name)
  .trim()
  .toLowerCase()
  .pipe(z.enum(SUBSCRIPTION_ROLES, { error: `must be one of ${SUBSCRIPTION_ROLES.join(', ')}` }));

export const SubscriptionParams = z.object({ subscriptionId: Id });
export const UserParams = z.object({ id: Id });

export const SubscriptionUserRequest = z.object({
  email: Email,
  roleType: SubscriptionRoleInput,
});

export const ListAllSubscriptionUsersQuery = z.object({ environmentType: optionalQuery(EnvironmentTypeInput) });

export const SubscriptionUser = z
  .object({
    subscriptionId: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    roleType: z.string().meta({ description: 'root, editor or reader.' }),
  })
  .meta({ id: 'SubscriptionUsers' });

export const ListAllSubscriptionUsersResult = z.object({ subscriptionUsers: z.array(SubscriptionUser) }).meta({ id: 'ListAllSubscriptionUsersResult' });

export const DescribeUsersBySubscriptionResult = z
  .object({ Id: z.string().meta({ description: 'The subscription.' }), subscriptionUsers: z.array(SubscriptionUser) })
  .meta({ id: 'DescribeUsersBySubscriptionResult' });

export const DescribeUserBillingDetailsResult = z
  .object({
    userId: z.string(),
    name: z.string(),
    paymentConfigured: z.boolean().meta({ description: 'False: no payment provider is wired into this deployment.' }),
    billingProvider: z.string().meta({ description: "'' : no payment provider is wired (beyond the reference)." }),
    message: z.string().meta({ description: 'Says so in words (beyond the reference). No billing or portal URL is given: there is none.' }),
  })
  .meta({ id: 'DescribeConsumptionUserBillingDetailsResult' });
