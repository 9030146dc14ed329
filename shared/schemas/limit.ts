/** Wire schemas of the limit operations (names follow the reference; descriptions are our own; bounds: docs/limits.md). */
import { z } from 'zod';
import { LIMITS, text } from '#shared/schemas/common.ts';

const Name = text(64).trim().min(1, 'must not be empty').regex(/^[A-Za-z0-9_]+$/, 'must be letters, digits and _');

export const LimitParams = z.object({
  family: Name.meta({ description: 'The limit family, e.g. ORG (any case).' }),
  key: Name.meta({ description: 'The limit key within its family, e.g. MAX_SERVICES_PER_ORG (any case).' }),
});

/** ListLimit names its family in the body (the reference) or, as GET clients send it, in the query. */
export const ListLimitQuery = z.object({ family: Name.optional() });
export const ListLimitRequest = z.object({ family: Name.optional().meta({ description: 'The family to list; every family when absent.' }) }).meta({ id: 'ListLimitRequest' });

export const ListLimitResult = z
  .object({
    keys: z.array(z.string()).meta({ description: 'The keys of the family, as `<key>` (with `family` named) or `<family>/<key>` (every family).' }),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListLimitResult' });

export const DescribeLimitResult = z
  .object({
    family: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    modifiable: z.boolean().meta({ description: 'Whether an org may change it (UpdateLimit).' }),
    value: z.number().int().meta({ description: 'The value in force for the org: its own, else the documented default.' }),
  })
  .meta({ id: 'DescribeLimitResult' });

export const UpdateLimitRequest = z
  .object({
    value: z.number().int('must be an integer').min(0, 'must be at least 0').max(1_000_000_000, 'must be at most 1000000000'),
    name: text(LIMITS.name).optional(),
    description: text(LIMITS.description).optional(),
  })
  .meta({ id: 'UpdateLimitRequest' });
