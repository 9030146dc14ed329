/**
 * A scheduled job's cursor: one item holding how far the job got (an ISO instant under a field of its own:
 * the meter job's `meteredUntil`, the export job's `exportedUntil`, the close job's `nextMonth`). It only ever
 * moves forward, so two runs racing (a schedule firing twice, a command beside the job) leave the further one.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/* and shared/errors.ts.
 */
import { advance, commit, getItem, stamp, withRetry, type Key, type Stored } from '#shared/data/store.ts';
import { Conflict } from '#shared/errors.ts';

/** Moves the cursor at `key` to `value` (with `extra` fields) unless it is there or further already. */
export async function moveCursorForward(key: Key, entity: string, field: string, value: string, extra: Record<string, unknown> = {}): Promise<void> {
  await withRetry(
    async () => {
      const current = await getItem<Stored & Record<string, unknown>>(key);
      if (current && typeof current[field] === 'string' && (current[field] as string) >= value) return;
      const item = { ...key, entity, [field]: value, ...extra };
      if (current) await commit({ puts: [{ item: advance(current, { ...current, ...item }), expectVersion: current.version }] });
      else await commit({ puts: [{ item: stamp(item) }] });
    },
    // The first write of a cursor racing another's is a Conflict (it exists now): read it again.
    { retryOn: (e) => e instanceof Conflict },
  );
}
