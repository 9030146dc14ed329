/**
 * The audit projection in tests. The run's stack polls no stream (JOBS_LOCAL=off), so a test that reads
 * audit events after a mutation first runs the projection itself: `await projectAuditEvents()` drains the
 * table's stream through the catalog's stream jobs (infra/local/stream-poller.ts, the same handler the cloud
 * invokes) and resolves once every record committed before the call is handled. Deterministic, no sleeps.
 * The checkpoint is the run's, shared by every worker (`$DATA_DIR/streams`), so each drain reads only what
 * is new.
 */
import { join } from 'node:path';
import { jobs } from '#functions/jobs/index.ts';
import { startStreamPoller, type LocalStreamPoller } from '#infra/local/stream-poller.ts';

let poller: LocalStreamPoller | undefined;

export function projectAuditEvents(): Promise<{ records: number; failed: number }> {
  poller ??= startStreamPoller({
    jobs: jobs.filter((j) => j.name === 'record-audit-events'),
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    checkpointDir: join(process.env.DATA_DIR!, 'streams'),
    enabled: false,
  });
  return poller.drain();
}
