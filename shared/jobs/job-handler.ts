/**
 * The job factories: turn a `defineJob` declaration into the function its trigger invokes — `scheduledHandler`
 * for a schedule (in AWS the Lambda an EventBridge rule targets; locally infra/local/scheduler.ts calls the
 * same function), `streamHandler` for the table's stream (in AWS the Lambda of a DynamoDB stream event source;
 * locally infra/local/stream-poller.ts calls it with the same event shape).
 * The counterparts of `lambdaHandler` and `taskHandler`: each invocation's logger carries `job` (and the invocation's
 * request id), the result is logged, and an error is logged with its name: a scheduled job rethrows it, so
 * the invocation fails visibly (an error metric, EventBridge's retry) instead of being swallowed; a stream job
 * reports the failed records (partial batch response), so only they and what follows them are redelivered.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { logger } from '#shared/logger.ts';
import { streamJobWants, type AnyScheduledJob, type AnyStreamJob, type StreamChange } from '#shared/registry/job.ts';

/** What EventBridge passes for a scheduled rule (only `time` is read). */
export interface ScheduledEvent {
  time?: string;
}

export type JobHandler = (event?: ScheduledEvent, context?: Context) => Promise<unknown>;

/**
 * A logger of this invocation's own, carrying `job`: locally every job runs in one process, so keys appended
 * to the shared logger would label one job's lines with another's name when their runs overlap.
 */
function jobLogger(name: string, context: Context | undefined) {
  const log = logger.createChild({ persistentKeys: { job: name } });
  if (context) log.addContext(context);
  return log;
}

export function scheduledHandler(job: AnyScheduledJob): JobHandler {
  return async (event, context) => {
    const log = jobLogger(job.name, context);
    const parsed = event?.time ? new Date(event.time) : undefined;
    const at = parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date();
    try {
      const result = await job.run({ at });
      log.info('job done', { result: result as Record<string, unknown> });
      return result;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      log.error('job failed', { errorName: err.name, error: err });
      throw err;
    }
  };
}

export type StreamJobHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
// The SDK's AttributeValue and the Lambda event's describe the same JSON; unmarshall reads either.
const image = (i: Image | undefined): Record<string, unknown> | undefined => (i ? unmarshall(i as Parameters<typeof unmarshall>[0]) : undefined);

/** A stream record as the job sees it: the change, with its images unmarshalled. */
export function streamChangeOf(record: DynamoDBRecord): StreamChange {
  const d = record.dynamodb ?? {};
  const keys = image(d.Keys) as StreamChange['keys'] | undefined;
  if (!keys || !record.eventName || !d.SequenceNumber) throw new Error('a stream record without keys, event name or sequence number');
  return { eventName: record.eventName, keys, oldImage: image(d.OldImage), newImage: image(d.NewImage), sequenceNumber: d.SequenceNumber };
}

/**
 * A stream job's handler: each record of the batch (concurrently) through the job's `run`, and the failed
 * ones reported by sequence number (`batchItemFailures`; the event source has ReportBatchItemFailures on), so
 * the source retries from the first failure and never skips one. A record of an entity the job does not
 * listen to is passed over (the event source's filter already drops those in AWS).
 */
export function streamHandler(job: AnyStreamJob): StreamJobHandler {
  return async (event, context) => {
    const log = jobLogger(job.name, context);
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    let handled = 0;
    const record = async (r: DynamoDBRecord) => {
      const change = streamChangeOf(r);
      if (!streamJobWants(job, change)) return;
      try {
        await job.run(change);
        handled++;
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        log.error('stream record failed', { errorName: err.name, error: err, keys: change.keys, sequenceNumber: change.sequenceNumber });
        throw err;
      }
    };
    const response = await processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
    log.info('job done', { records: event.Records.length, handled, failed: response.batchItemFailures.length });
    return response;
  };
}
