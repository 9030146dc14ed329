/** Wire schemas of consumption-billing-api (names follow the reference; descriptions are our own). */
import { z } from 'zod';
import { LIMITS, text } from '#shared/schemas/common.ts';

export const DescribeConsumptionBillingStatusResult = z
  .object({
    enabled: z.boolean().meta({
      description: 'True when at least one live subscription in the caller’s scope is on a plan that charges (the month close invoices it); docs/operations.md, "Billing".',
    }),
  })
  .meta({ id: 'DescribeConsumptionBillingStatusResult' });

export const DescribeConsumptionBillingDetailsQuery = z.object({
  returnUrl: text(LIMITS.url)
    .trim()
    .refine((s) => s === '' || (URL.canParse(s) && /^https?:$/.test(new URL(s).protocol)), 'must be an absolute http or https URL')
    .optional()
    .meta({ description: 'Where a payment portal would send the user back to; validated, unused while no payment provider is wired.' }),
});

export const DescribeConsumptionBillingDetailsResult = z
  .object({
    paymentConfigured: z.boolean().meta({ description: 'False: no payment provider is wired into this deployment, so no payment information is configured.' }),
    paymentInfoPortalURL: z.string().optional().meta({ description: 'Omitted: there is no payment portal to link to.' }),
  })
  .meta({ id: 'DescribeConsumptionBillingDetailsResult' });
