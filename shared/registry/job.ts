/**
 * The shape of one job (docs/decisions/007, "Jobs are declared like operations"): work no caller asks for,
 * started by a trigger. Every job module, `functions/jobs/<job>.ts`, defines exactly one job with `defineJob`
 * and exports the handler built from it by its trigger's factory (shared/jobs/job-handler.ts: `scheduledHandler`,
 * `streamHandler`); the catalog (`functions/jobs/index.ts`) lists them. The CDK app (infra/jobs-stack.ts: one
 * function per job, with an EventBridge rule or a DynamoDB stream event source) and the local stand-ins
 * (infra/local/scheduler.ts, infra/local/stream-poller.ts) read the same declarations.
 */
import type { Permission, WorkflowName } from '#shared/registry/operation.ts';
import type { Key } from '#shared/data/store.ts';

/** An EventBridge schedule expression: `rate(5 minutes)`, `rate(1 hour)`, `cron(0 3 * * ? *)`. */
export type ScheduleExpression = `rate(${string})` | `cron(${string})`;

/** A schedule: EventBridge in AWS, the local scheduler locally. */
export interface ScheduleTrigger {
  schedule: ScheduleExpression;
}

/**
 * The table's stream, narrowed to the items of these entities (the new image's `entity`, or the old one's
 * for a delete): a DynamoDB stream event source with that filter in AWS, the local stream poller locally.
 */
export interface StreamTrigger {
  stream: { entities: readonly string[] };
}

export type JobTrigger = ScheduleTrigger | StreamTrigger;

export interface JobContext {
  /** When this invocation was triggered (the scheduled time in AWS, the tick locally). */
  at: Date;
}

/** One committed change of one item, as the table's stream tells it (images unmarshalled). */
export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item's key. */
  keys: Key;
  /** The item before the change (absent for an INSERT). */
  oldImage?: Record<string, unknown>;
  /** The item after the change (absent for a REMOVE). */
  newImage?: Record<string, unknown>;
  /** The record's position in its shard. */
  sequenceNumber: string;
}

interface JobBase {
  /** kebab-case, the module's file name: `functions/jobs/<name>.ts`. */
  name: string;
  /** What the function may do beyond reading the table. */
  permissions?: Permission[];
  /** The state machines the job may start (`states:StartExecution` on exactly these). */
  workflows?: readonly WorkflowName[];
  /** The function's timeout (default 60 s, at most 900). */
  timeoutSeconds?: number;
}

export interface ScheduledJobDefinition<R = unknown> extends JobBase {
  trigger: ScheduleTrigger;
  /** Calls one use case. Must be safe to run again (a schedule may fire twice, a run may be retried). */
  run(ctx: JobContext): Promise<R>;
}

export interface StreamJobDefinition<R = unknown> extends JobBase {
  trigger: StreamTrigger;
  /**
   * Handles one change (records of a batch run concurrently): calls one use case. Must be idempotent: a
   * record is delivered at least once (a retried batch redelivers the records after the first failed one).
   */
  run(change: StreamChange): Promise<R>;
}

export type JobDefinition<R = unknown> = ScheduledJobDefinition<R> | StreamJobDefinition<R>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScheduledJob = ScheduledJobDefinition<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStreamJob = StreamJobDefinition<any>;

export function defineJob<R>(def: ScheduledJobDefinition<R>): ScheduledJobDefinition<R>;
export function defineJob<R>(def: StreamJobDefinition<R>): StreamJobDefinition<R>;
export function defineJob<R>(def: JobDefinition<R>): JobDefinition<R> {
  return def;
}

export const isScheduled = (job: AnyJob): job is AnyScheduledJob => 'schedule' in job.trigger;
export const isStreamJob = (job: AnyJob): job is AnyStreamJob => 'stream' in job.trigger;

/** Whether a stream record's item is one the job listens to (the filter the event source applies in AWS). */
export function streamJobWants(job: AnyStreamJob, change: Pick<StreamChange, 'oldImage' | 'newImage'>): boolean {
  return [change.newImage, change.oldImage].some((image) => typeof image?.entity === 'string' && job.trigger.stream.entities.includes(image.entity));
}

/** A job's function timeout when its declaration gives none. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 60;

/** `functions/jobs/<name>.ts`. */
export function jobModuleFile(job: Pick<AnyJob, 'name'>): string {
  return `functions/jobs/${job.name}.ts`;
}

export interface Rate {
  every: number;
  unit: 'minute' | 'hour' | 'day';
  /** The period in milliseconds. */
  ms: number;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * `rate(5 minutes)` → `{ every: 5, unit: 'minute', ms: 300000 }`, with EventBridge's rules: a positive
 * integer, singular unit for 1 (`rate(1 hour)`), plural otherwise. Anything else, cron included, is undefined.
 */
export function parseRate(expression: string): Rate | undefined {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) return undefined;
  const every = Number(m[1]);
  const plural = m[2].endsWith('s');
  if (!Number.isSafeInteger(every) || every < 1 || plural !== every > 1) return undefined;
  const unit = (plural ? m[2].slice(0, -1) : m[2]) as Rate['unit'];
  return { every, unit, ms: every * UNIT_MS[unit] };
}
