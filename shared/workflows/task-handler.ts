/**
 * The one task factory: turns a `defineTask` declaration into the function a Task state invokes (in AWS the
 * Lambda handler, locally the runner calls the same function in-process). The counterpart of `lambdaHandler`:
 *
 * - the payload is the state's Parameters, `{ "execution.$": "$$.Execution.Name", "input.$": "$" }` (or an
 *   `input` object picking fields); the execution record gives the task its org and subject;
 * - the logger carries `workflow`, `execution` and `state` on every line;
 * - the input is parsed with the task's zod schema (a mismatch is a BadRequest naming the field);
 * - the step's start, end (with a bounded summary of the result) or error is written on the execution record,
 *   so no task can forget it;
 * - an error keeps its `name` (our domain errors set it), which is what a Retry's or Catch's `ErrorEquals`
 *   matches; Retry and Catch themselves live in the ASL, never here.
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#shared/logger.ts';
import { BadRequest } from '#shared/errors.ts';
import type { AnyTask, TaskContext } from '#shared/registry/task.ts';
import { recordStepEnd, recordStepError, recordStepStart } from '#shared/workflows/execution.ts';

export type TaskHandler = (event: unknown, context?: Context) => Promise<unknown>;

/** `input.serviceId: Invalid input: expected string, received undefined` — one line per problem. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `input${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`)
    .join('; ');
}

/** What a failed task throws: the same name (for ErrorEquals) and message (the Cause). */
function asTaskError(e: unknown): Error {
  if (e instanceof Error) return e;
  const err = new Error(typeof e === 'string' ? e : JSON.stringify(e));
  err.name = 'TaskFailed';
  return err;
}

export function taskHandler(task: AnyTask): TaskHandler {
  const where = `${task.workflow}.${task.state}`;
  return async (event, context) => {
    const payload = event as { execution?: unknown; input?: unknown } | null;
    const executionName = payload?.execution;
    if (typeof executionName !== 'string' || executionName === '') {
      throw new BadRequest(`${where}: the state's Parameters must pass "execution.$": "$$.Execution.Name"`);
    }
    // A logger of this invocation's own: locally every task, job and operation shares one process (and logger).
    const log = logger.createChild({ persistentKeys: { workflow: task.workflow, execution: executionName, state: task.state } });
    if (context) log.addContext(context);
    const record = await recordStepStart(executionName, task.workflow, task.state);
    try {
      const parsed = task.input.safeParse(payload?.input ?? {});
      if (!parsed.success) throw new BadRequest(`${where} ${describeIssues(parsed.error)}`);
      const ctx: TaskContext = {
        workflow: task.workflow,
        state: task.state,
        executionName,
        orgId: record.orgId,
        subject: record.subject,
        attempt: record.steps.find((s) => s.state === task.state)?.attempts ?? 1,
      };
      // A Lambda returning nothing gives the state `null`; so does this, in both places.
      const result = (await task.run(parsed.data, ctx)) ?? null;
      await recordStepEnd(executionName, task.state, result);
      return result;
    } catch (e) {
      const err = asTaskError(e);
      log.warn('task failed', { error: err.name, message: err.message });
      await recordStepError(executionName, task.state, err).catch((recordFailure: Error) =>
        log.error('could not record the failed step', recordFailure),
      );
      throw err;
    }
  };
}
