/**
 * The audit projection (the `record-audit-events` stream job): a committed change whose item carries new
 * audit facts (`lastEvent`, shared/data/entities/audit-event.ts) becomes one record in the log, with its
 * listings. Idempotent: the record's id comes from the item's key and the facts' time, so a redelivered
 * stream record finds its record already there and writes nothing.
 */
import type { StreamChange } from '#shared/registry/job.ts';
import { commit } from '#shared/data/store.ts';
import { Conflict } from '#shared/errors.ts';
import { AUDITED_ENTITIES, getAuditEvent, projectedRecords, type AuditEventItem } from '#shared/data/entities/audit-event.ts';
import { newAuditFacts } from '#shared/domain/audit-event.ts';

/** The stream filter of the job: the entities whose items carry `lastEvent`. */
export const AUDITED_ENTITY_FILTER: readonly string[] = AUDITED_ENTITIES;

export async function recordAuditEvents(change: StreamChange): Promise<{ recorded: number }> {
  const facts = newAuditFacts(change.oldImage, change.newImage);
  if (!facts) return { recorded: 0 };
  const records = projectedRecords(change.keys, facts);
  const record = records[0] as AuditEventItem | undefined;
  if (!record) return { recorded: 0 };
  const exists = async () => (await getAuditEvent(record.providerOrgId, record.eventId)) !== undefined;
  if (await exists()) return { recorded: 0 };
  try {
    await commit({ appends: records });
  } catch (e) {
    // A concurrent delivery of the same record wrote it first.
    if (e instanceof Conflict && (await exists())) return { recorded: 0 };
    throw e;
  }
  return { recorded: 1 };
}
