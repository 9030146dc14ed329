/**
 * Wire schemas of subscription-api (the customer side of subscribing; requests: subscription-request.ts). Field names
 * follow the reference; every string and list is bounded.
 */
import { z } from 'zod';
import { Id, LIMITS } from '#shared/schemas/common.ts';
import { EnvironmentTypeInput } from '#shared/schemas/service-environment.ts';

export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export const SUBSCRIPTION_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'CANCELLED'] as const;


/** An optional query value that clients send empty (`?environmentType=`): empty means absent. */
export const optionalQuery = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const SubscribeRequest = z.object({
  serviceId: Id.meta({ description: 'The service of the plan.' }),
  productTierId: Id.meta({ description: 'The plan (product tier) to subscribe to.' }),
});

export const ListSubscriptionsQuery = z.object({
  serviceId: optionalQuery(Id),
  environmentType: optionalQuery(EnvironmentTypeInput),
});


export const SubscriptionIdResult = z.string().meta({ description: 'The new subscription\'s id ("sub-…").' });

export const DescribeSubscriptionResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceLogoURL: z.string(),
    serviceOrgId: z.string().meta({ description: 'The provider org.' }),
    serviceOrgName: z.string(),
    productTierId: z.string(),
    productTierName: z.string(),
    status: z.string().meta({ description: 'ACTIVE, SUSPENDED or TERMINATED.' }),
    roleType: z.string().meta({ description: "The caller's role on it: root, editor or reader." }),
    rootUserId: z.string(),
    subscriptionOwnerName: z.string(),
    createdAt: z.string(),
    defaultSubscription: z.boolean().meta({ description: 'Always false: no subscription is created by default.' }),
    cloudProviderNames: z.array(z.string()),
    accountConfigIdentityId: z.string().meta({ description: "'' until account configs exist." }),
    activeSubscriptionPricing: z.record(z.string(), z.unknown()).optional(),
    inheritServicePlanPrice: z.boolean().optional(),
    environmentType: z.string().meta({ description: 'The environment type of the plan (beyond the reference).' }),
    paymentMethodConfigured: z
      .boolean()
      .meta({ description: 'Always false: no payment provider is wired (beyond the reference; see DescribeUserBillingDetails).' }),
  })
  .meta({ id: 'DescribeSubscriptionResult' });

export const ListSubscriptionsResult = z
  .object({ ids: z.array(z.string()), subscriptions: z.array(DescribeSubscriptionResult), nextPageToken: z.string().optional() })
  .meta({ id: 'ListSubscriptionsResult' });

export { IdParams } from '#shared/schemas/common.ts';
