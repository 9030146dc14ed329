/** Schemas shared by many operations. Wire names follow the reference; descriptions are our own. */
import { z } from 'zod';
import { cleanId } from '#shared/domain/ids.ts';

/** A path or body id; quotes a client echoed from a JSON-string response are stripped. */
export const Id = z
  .string()
  .transform(cleanId)
  .pipe(z.string().min(1, 'must not be empty').max(128).regex(/^[A-Za-z0-9._:-]+$/, 'is not a valid id'));

export const IdParams = z.object({ id: Id });

/** Bare-string success body: the created entity's id, sent as a JSON string (`"s-abc123"`). */
export const IdResult = z.string().meta({ description: 'The id of the created entity.' });

/** pageSize/nextPageToken query parameters of paginated lists. */
export const PageQuery = z.object({
  nextPageToken: z.string().optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
});

export const NonEmpty = z.string().trim().min(1, 'must not be empty');
