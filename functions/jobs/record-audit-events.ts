/**
 * On every committed change of an audited item (the table's stream, filtered to AUDITED_ENTITIES): projects
 * the item's new `lastEvent` into the audit log, one record per change (docs/decisions/013).
 */
import { defineJob } from '#shared/registry/job.ts';
import { streamHandler } from '#shared/jobs/job-handler.ts';
import { AUDITED_ENTITY_FILTER, recordAuditEvents } from '#shared/use-cases/audit-events/record-audit-events.ts';

export const job = defineJob({
  name: 'record-audit-events',
  trigger: { stream: { entities: AUDITED_ENTITY_FILTER } },
  permissions: ['table:write'],
  run: (change) => recordAuditEvents(change),
});

export const handler = streamHandler(job);
