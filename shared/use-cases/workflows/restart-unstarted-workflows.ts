/**
 * The restart-unstarted-workflows job's work (docs/decisions/007): an execution recorded RUNNING whose start
 * never happened (a crash between the record and StartExecution) is started now. Reads the RUNNING entries
 * (gsi2, every shard) of executions started more than `graceMs` ago — younger ones are most likely being
 * started right now — and hands each still RUNNING to the start port again (`relaunch`): in AWS
 * StartExecution with the same name and input, a no-op for a run that exists; locally the runner, which
 * ignores a run it already has. Bounded per run: pages of 100, at most `maxPerRun` executions; what is left
 * waits for the next run (`more` says so).
 */
import { findExecution, runningExecutionsStartedBefore } from '#shared/data/entities/workflow-execution.ts';
import { RUNNING_SHARDS } from '#shared/data/keys.ts';
import { relaunch } from '#shared/workflows/start.ts';
import { logger } from '#shared/logger.ts';

export const RESTART_LIMITS = {
  /** An execution younger than this is left alone: its own start is most likely still under way. */
  graceMs: 3 * 60_000,
  /** Executions handed over per run, over all shards. */
  maxPerRun: 200,
  pageSize: 100,
} as const;

export interface RestartOptions {
  at: Date;
  graceMs?: number;
  maxPerRun?: number;
}

export interface RestartResult {
  /** RUNNING entries read. */
  examined: number;
  /** Executions handed to the start port. */
  relaunched: number;
  /** Entries failed to hand over (logged; tried again next run). */
  failed: number;
  /** True when the cap stopped the run before every shard was read. */
  more: boolean;
}

export async function restartUnstartedWorkflows(opts: RestartOptions): Promise<RestartResult> {
  const before = new Date(opts.at.getTime() - (opts.graceMs ?? RESTART_LIMITS.graceMs)).toISOString();
  const cap = opts.maxPerRun ?? RESTART_LIMITS.maxPerRun;
  const result: RestartResult = { examined: 0, relaunched: 0, failed: 0, more: false };
  for (let shard = 0; shard < RUNNING_SHARDS; shard++) {
    let pageToken: string | undefined;
    do {
      if (result.examined >= cap) {
        result.more = true;
        return result;
      }
      const page = await runningExecutionsStartedBefore(shard, before, {
        limit: Math.min(RESTART_LIMITS.pageSize, cap - result.examined),
        pageToken,
      });
      for (const listed of page.items) {
        result.examined++;
        try {
          // The index may lag: the record itself says whether it still runs.
          const record = await findExecution(listed.executionName);
          if (record && (await relaunch(record))) result.relaunched++;
        } catch (e) {
          result.failed++;
          logger.warn('could not restart workflow execution', { execution: listed.executionName, error: e as Error });
        }
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return result;
}
