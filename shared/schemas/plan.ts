/** Wire schemas of plan-api (names follow the reference; descriptions are our own). */
import { z } from 'zod';
import { text } from '#shared/schemas/common.ts';

export const ChangePlanRequest = z
  .object({ planName: text(64).trim().min(1, 'must not be empty').meta({ description: 'STARTER_NO_COMMIT, STARTER, GROWTH or ENTERPRISE (any case).' }) })
  .meta({ id: 'ChangePlanRequest' });

export const DescribePlanResult = z
  .object({
    planName: z.string(),
    planDescription: z.string().optional(),
    paymentConfigured: z.boolean().optional().meta({ description: 'Always false: no payment provider is wired on this installation.' }),
    startDate: z.string().optional().meta({ description: 'The day the current plan started (yyyy-mm-dd).' }),
    modifiedAt: z.string().optional(),
  })
  .meta({ id: 'DescribePlanResult' });
