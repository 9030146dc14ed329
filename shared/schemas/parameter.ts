/** What the input-parameter-api and output-parameter-api schemas share (one definition, two thin groups). */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';

export const PARAMETER_LIMITS = { key: 128, name: 255, description: 4096 } as const;

export const ParameterKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(PARAMETER_LIMITS.key)
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must start with a letter and hold only letters, digits and _');

export const ParameterParams = z.object({ serviceId: Id, id: Id });
export const ResourceParameterParams = z.object({ serviceId: Id, resourceId: Id });

export const ParameterName = NonEmpty.max(PARAMETER_LIMITS.name);

/** The fields every create request starts with (`description` differs: required non-empty for outputs). */
export const parameterCreateFields = { resourceId: Id, key: ParameterKey, name: ParameterName };

/** The fields every describe result starts with. */
export const parameterViewFields = {
  id: z.string(),
  serviceId: z.string(),
  resourceId: z.string(),
  key: z.string().min(1),
  name: z.string().min(1),
};

/** `{ids, <name>: [...], nextPageToken?}` for a kind's list. */
export const parameterList = <N extends string, T extends z.ZodType>(id: string, name: N, item: T) =>
  z
    .object({ ids: z.array(z.string()), nextPageToken: z.string().optional() })
    .extend({ [name]: z.array(item) } as { [K in N]: z.ZodArray<T> })
    .meta({ id });
