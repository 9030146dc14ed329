/**
 * Wire schemas of subscription-request-api (a request for a plan that needs the provider's approval); the Fleet
 * API's request operations answer the same shapes.
 */
import { z } from 'zod';
import { LIMITS } from '#shared/schemas/common.ts';
import { optionalQuery, SUBSCRIPTION_REQUEST_STATUSES } from '#shared/schemas/subscription.ts';

export { SubscribeRequest as CreateSubscriptionRequestBody } from '#shared/schemas/subscription.ts';
export { IdParams } from '#shared/schemas/common.ts';

export const SubscriptionRequestStatusInput = z
  .string()
  .max(LIMITS.name)
  .trim()
  .toUpperCase()
  .pipe(z.enum(SUBSCRIPTION_REQUEST_STATUSES, { error: `must be one of ${SUBSCRIPTION_REQUEST_STATUSES.join(', ')}` }));

export const ListSubscriptionRequestsQuery = z.object({
  status: optionalQuery(SubscriptionRequestStatusInput),
});

export const SubscriptionRequestIdResult = z.string().meta({ description: 'The new request\'s id ("subr-…"), PENDING.' });

export const DescribeSubscriptionRequestResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceLogoURL: z.string(),
    productTierId: z.string(),
    productTierName: z.string(),
    status: z.string().meta({ description: 'PENDING, APPROVED, DENIED or CANCELLED.' }),
    rootUserId: z.string(),
    rootUserEmail: z.string(),
    rootUserName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedByUserId: z.string(),
    updatedByUserName: z.string(),
  })
  .meta({ id: 'DescribeSubscriptionRequestResult' });

export const ListSubscriptionRequestsResult = z
  .object({ ids: z.array(z.string()), subscriptionRequests: z.array(DescribeSubscriptionRequestResult), nextPageToken: z.string().optional() })
  .meta({ id: 'ListSubscriptionRequestsResult' });

