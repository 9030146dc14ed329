/** Wire schemas of usage-api (names follow the reference; descriptions are our own). */
import { z } from 'zod';
import { list, text } from '#shared/schemas/common.ts';
import { UsagePerDimension } from '#shared/schemas/consumption-usage.ts';

export const GetUsageResult = z
  .object({
    planName: z.string().meta({ description: "The org's plan (plan-api)." }),
    startTime: z.string(),
    endTime: z.string(),
    usage: list(UsagePerDimension, 200),
  })
  .meta({ id: 'GetUsageResult' });

export const GetUsagePerDayQuery = z.object({
  startDate: text(64).optional().meta({ description: 'RFC 3339; default endDate minus 31 days.' }),
  endDate: text(64).optional().meta({ description: 'RFC 3339; default now. At most 31 days after startDate.' }),
});
