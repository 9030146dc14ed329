/** Wire schemas of consumption-usage-api (names follow the reference; descriptions are our own). */
import { z } from 'zod';
import { list, text } from '#shared/schemas/common.ts';

export const UsagePerDimension = z
  .object({
    dimension: z.string().meta({ description: 'CPU core hours, Memory GiB hours, Storage GiB hours or Replica hours (docs/operations.md, "Metering").' }),
    startTime: z.string(),
    endTime: z.string(),
    total: z.number().meta({ description: 'The exact sum of the usage records of the window (rounded to 1e-6).' }),
  })
  .meta({ id: 'UsagePerDimension' });

export const GetConsumptionUsageResult = z
  .object({ startTime: z.string(), endTime: z.string(), usage: list(UsagePerDimension, 200) })
  .meta({ id: 'GetConsumptionUsageResult' });

export const GetCurrentConsumptionUsageQuery = z.object({ subscriptionID: text(64).optional() });

export const GetConsumptionUsagePerDayQuery = z.object({
  startDate: text(64).optional().meta({ description: 'RFC 3339; default endDate minus 31 days.' }),
  endDate: text(64).optional().meta({ description: 'RFC 3339; default now. At most 31 days after startDate.' }),
  subscriptionID: text(64).optional(),
});
