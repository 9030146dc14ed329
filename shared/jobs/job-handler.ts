/**
 * The one job factory: turns a `defineJob` declaration into the function its trigger invokes (in AWS the
 * Lambda handler an EventBridge rule targets; locally infra/local/scheduler.ts calls the same function).
 * The counterpart of `lambdaHandler` and `taskHandler`: the logger carries `job` (and the invocation's
 * request id), the result is logged, and an error is logged with its name and rethrown, so the invocation
 * fails visibly (an error metric, EventBridge's retry) instead of being swallowed.
 */
import type { Context } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import type { AnyJob } from '#shared/registry/job.ts';

/** What EventBridge passes for a scheduled rule (only `time` is read). */
export interface ScheduledEvent {
  time?: string;
}

export type JobHandler = (event?: ScheduledEvent, context?: Context) => Promise<unknown>;

export function scheduledHandler(job: AnyJob): JobHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    logger.appendKeys({ job: job.name });
    const parsed = event?.time ? new Date(event.time) : undefined;
    const at = parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date();
    try {
      const result = await job.run({ at });
      logger.info('job done', { result: result as Record<string, unknown> });
      return result;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      logger.error('job failed', { errorName: err.name, error: err });
      throw err;
    } finally {
      logger.removeKeys(['job']);
    }
  };
}
