/**
 * Wire schemas of the Fleet API's inventory-api operations on subscriptions and subscription requests (the
 * provider side). Request views are subscription-request-api's (the Fleet contract has the same shape).
 */
import { z } from 'zod';
import { Id, text } from '#shared/schemas/common.ts';
import { PriceEffectiveDate, PricePerUnit } from '#shared/schemas/invoice.ts';

export const EnvironmentParams = z.object({ serviceId: Id, environmentId: Id });
export const EnvironmentItemParams = z.object({ serviceId: Id, environmentId: Id, id: Id });

const optionalQuery = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const FleetListSubscriptionQuery = z.object({ productTierId: optionalQuery(Id) });

export const FleetUpdateSubscriptionRequest = z.object({
  externalPayerId: text().optional(),
  inheritServicePlanPrice: z.boolean().optional(),
  pricePerUnit: PricePerUnit(8 * 1024).optional(),
  priceEffectiveDate: PriceEffectiveDate.optional(),
});

export const FleetCreateSubscriptionOnBehalfOfCustomerRequest = z.object({
  onBehalfOfCustomerUserId: Id.meta({ description: 'The customer user who becomes the root of the subscription.' }),
  productTierId: Id,
  externalPayerId: text().optional(),
  inheritServicePlanPrice: z.boolean().optional(),
  pricePerUnit: PricePerUnit(8 * 1024).optional(),
  priceEffectiveDate: PriceEffectiveDate.optional(),
});

export const FleetCreateSubscriptionOnBehalfOfCustomerResult = z.object({ id: z.string() }).meta({ id: 'FleetCreateSubscriptionOnBehalfOfCustomerResult' });

export const FleetDescribeSubscriptionResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceLogoURL: z.string(),
    productTierId: z.string(),
    productTierName: z.string(),
    status: z.string().meta({ description: 'ACTIVE, SUSPENDED or TERMINATED.' }),
    instanceCount: z.number().int(),
    rootUserId: z.string(),
    rootUserEmail: z.string(),
    rootUserName: z.string(),
    rootUserOrgId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedByUserId: z.string(),
    updatedByUserName: z.string(),
    updatedByUserOrgId: z.string(),
    externalPayerId: z.string(),
    inheritServicePlanPrice: z.boolean(),
    activeSubscriptionPricing: z.record(z.string(), z.unknown()),
    historySubscriptionPricing: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'FleetDescribeSubscriptionResult' });

export const FleetListSubscriptionsResult = z
  .object({ ids: z.array(z.string()), subscriptions: z.array(FleetDescribeSubscriptionResult), nextPageToken: z.string().optional() })
  .meta({ id: 'FleetListSubscriptionsResult' });

export { ListSubscriptionRequestsQuery, DescribeSubscriptionRequestResult, ListSubscriptionRequestsResult } from '#shared/schemas/subscription-request.ts';
