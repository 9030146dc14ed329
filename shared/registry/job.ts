/**
 * The shape of one job (docs/decisions/007, "Jobs are declared like operations"): work no caller asks for,
 * started by a trigger. Every job module, `functions/jobs/<job>.ts`, defines exactly one job with `defineJob`
 * and exports the handler built from it by `scheduledHandler` (shared/jobs/job-handler.ts); the catalog
 * (`functions/jobs/index.ts`) lists them. The CDK app (infra/jobs-stack.ts: one function and one EventBridge
 * rule per job) and the local scheduler (infra/local/scheduler.ts) read the same declarations.
 */
import type { Permission, WorkflowName } from '#shared/registry/operation.ts';

/** An EventBridge schedule expression: `rate(5 minutes)`, `rate(1 hour)`, `cron(0 3 * * ? *)`. */
export type ScheduleExpression = `rate(${string})` | `cron(${string})`;

/**
 * What starts the job. Only schedules are built; stream triggers (`{ stream: { entities } }`, a DynamoDB
 * stream source with an entity filter) are the next kind and will join this union.
 */
export type JobTrigger = { schedule: ScheduleExpression };

export interface JobContext {
  /** When this invocation was triggered (the scheduled time in AWS, the tick locally). */
  at: Date;
}

export interface JobDefinition<R = unknown> {
  /** kebab-case, the module's file name: `functions/jobs/<name>.ts`. */
  name: string;
  trigger: JobTrigger;
  /** What the function may do beyond reading the table. */
  permissions?: Permission[];
  /** The state machines the job may start (`states:StartExecution` on exactly these). */
  workflows?: readonly WorkflowName[];
  /** The function's timeout (default 60 s, at most 900). */
  timeoutSeconds?: number;
  /** Calls one use case. Must be safe to run again (a schedule may fire twice, a run may be retried). */
  run(ctx: JobContext): Promise<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export function defineJob<R>(def: JobDefinition<R>): JobDefinition<R> {
  return def;
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
