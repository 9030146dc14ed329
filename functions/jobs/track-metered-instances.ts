/**
 * On every committed change of an instance: opens or closes its RUNNING interval on its meter item, which
 * lists it for the metering job (docs/operations.md, "Metering").
 */
import { defineJob } from '#shared/registry/job.ts';
import { streamHandler } from '#shared/jobs/job-handler.ts';
import { METERED_ENTITY_FILTER, trackMeteredInstance } from '#shared/use-cases/metering/meter.ts';

export const job = defineJob({
  name: 'track-metered-instances',
  trigger: { stream: { entities: METERED_ENTITY_FILTER } },
  permissions: ['table:write'],
  run: (change) => trackMeteredInstance(change),
});

export const handler = streamHandler(job);
