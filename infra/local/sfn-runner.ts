/**
 * The local workflow runner: runs the same ASL files as Step Functions, with aws-local-stepfunctions, in the
 * background of the local stack's process (or of a test worker). Each `${<State>FunctionArn}` becomes a
 * well-formed local ARN, and the Task state runs its task module's handler in-process with a Lambda-like
 * context (the payload JSON round-tripped, as over the wire, and held to Step Functions' 256 KB).
 *
 * What it records, so that a killed process loses no run:
 * - on entering each top-level state, the resume point (`#RESUME`: that state and its input);
 * - at the end, the execution's status, output or error and cause (in AWS the execution-status function).
 * Steps themselves are recorded by the task factory, as in AWS.
 *
 * Resume: `resume()` (the local stack calls it at start) finds every execution still RUNNING (the sparse
 * gsi2 entry) and runs it again from its resume point: the state that had not completed is re-run (tasks are
 * idempotent) with the input it had. A state entered but not yet recorded when the process died is re-run
 * from the state before it: at least once, never skipped. `$$.Execution.Input` of a resumed run is the
 * resumed state's input (aws-local-stepfunctions sets it); tasks read what they need from their own input.
 *
 * Task tokens (`.waitForTaskToken`, aws-local-stepfunctions has none) are emulated durably: such a state runs
 * as a plain local Task whose handler gives the task module a token derived from the execution, the state and
 * the state's input (`local-task-token:…`; a resumed state gets the same one), runs it (it hands the token on),
 * then polls the table for the answer `completeTask` writes (shared/workflows/task-token.ts). The answer
 * survives a restart; the state's TimeoutSeconds/TimeoutSecondsPath bounds the wait (States.Timeout).
 *
 * Wait states are honoured, unless `waitMs` (default: config.localWaitMs, WORKFLOW_LOCAL_WAIT_MS) overrides
 * every Wait state and every Retry interval, for tests.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { lambdaContext } from '#shared/http/event.ts';
import { logger } from '#shared/logger.ts';
import { config } from '#shared/config.ts';
import { placeholderOf } from '#shared/registry/task.ts';
import { findExecution, getResumePoint, runningExecutions, type WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';
import { recordExecutionEnd, recordResumePoint } from '#shared/workflows/execution.ts';
import { LOCAL_TOKEN_PREFIX, waitForLocalAnswer } from '#shared/workflows/task-token.ts';
import type { WorkflowStarter } from '#shared/workflows/start.ts';
import {
  allStates,
  localTaskArn,
  payloadOf,
  substitute,
  waitsForToken,
  type AslDefinition,
  type AslState,
  type LoadedTask,
  type LoadedWorkflow,
} from '#infra/workflow-catalog.ts';

/** Step Functions' limit on a state's input or output. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface LocalRunnerOptions {
  workflows: readonly LoadedWorkflow[];
  /** Every Wait state and Retry interval takes this many ms instead of its own (default config.localWaitMs). */
  waitMs?: number;
}

export interface LocalRunner {
  /** What `registerWorkflowStarter` takes: starts a recorded execution from its StartAt (no-op if running). */
  start: WorkflowStarter;
  /**
   * Runs every RUNNING execution again from where it stood; the names of those it took up. `only` narrows it
   * to some executions (tests sharing one table resume their own, not another test file's).
   */
  resume(only?: (executionName: string) => boolean): Promise<string[]>;
  /** Resolves when this runner's run of `executionName` is over (at once when it has none). */
  settled(executionName: string): Promise<void>;
  /** Aborts every run, leaving them RUNNING for the next resume; waits up to `graceMs` (5 s) for tasks in flight. */
  stop(opts?: { graceMs?: number }): Promise<void>;
  /** The substitutions and local handlers a workflow runs with (the contract test compares them with the catalog). */
  resources(workflow: string): { substitutions: Record<string, string>; handlers: string[] };
}

interface ActiveRun {
  abort(): void;
  done: Promise<void>;
}

/** The states reachable from `startAt` (a resumed run's machine holds only those, so it validates). */
function reachable(def: AslDefinition, startAt: string): Set<string> {
  const seen = new Set<string>();
  const todo = [startAt];
  while (todo.length) {
    const name = todo.pop()!;
    const s = def.States[name];
    if (!s || seen.has(name)) continue;
    seen.add(name);
    for (const next of [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)]) {
      if (next) todo.push(next);
    }
  }
  return seen;
}

function startingAt(def: AslDefinition, startAt: string): AslDefinition {
  if (startAt === def.StartAt) return def;
  const keep = reachable(def, startAt);
  return { ...def, StartAt: startAt, States: Object.fromEntries(Object.entries(def.States).filter(([n]) => keep.has(n))) };
}

/** Wait-for-report states as plain local Tasks: the task's function as Resource, its Payload (minus the token) as Parameters. */
function withLocalTokens(wf: LoadedWorkflow, def: AslDefinition): AslDefinition {
  const local = (d: AslDefinition): AslDefinition => ({
    ...d,
    States: Object.fromEntries(
      Object.entries(d.States).map(([name, state]): [string, AslState] => {
        let s: AslState = state;
        if (waitsForToken(state)) {
          const payload = payloadOf(state);
          const { 'token.$': _token, ...input } = payload.input as Record<string, unknown>;
          s = { ...state, Resource: localTaskArn(wf.name, name), Parameters: { ...payload, input } };
          // Step Functions reads TimeoutSecondsPath from the state's input; aws-local-stepfunctions reads it from
          // the effective input (after Parameters): carry the value there.
          if (typeof state.TimeoutSecondsPath === 'string') {
            s = { ...s, Parameters: { ...s.Parameters, 'localTimeoutSeconds.$': state.TimeoutSecondsPath }, TimeoutSecondsPath: '$.localTimeoutSeconds' };
          }
        }
        if (s.Branches) s = { ...s, Branches: s.Branches.map(local) };
        if (s.ItemProcessor) s = { ...s, ItemProcessor: local(s.ItemProcessor) };
        if (s.Iterator) s = { ...s, Iterator: local(s.Iterator) };
        return [name, s];
      }),
    ),
  });
  return local(def);
}

/** The local token of one entry of a wait-for-report state: the same for the same execution, state and input. */
export function localTaskToken(executionName: string, state: string, input: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify([executionName, state, input ?? null])).digest('hex').slice(0, 32);
  return `${LOCAL_TOKEN_PREFIX}${executionName}:${digest}`;
}

function namedError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export function createLocalRunner(opts: LocalRunnerOptions): LocalRunner {
  const byName = new Map(opts.workflows.map((w) => [w.name, w]));
  const waitMs = opts.waitMs ?? config.localWaitMs;
  const machines = new Map<string, StateMachine>();
  const active = new Map<string, ActiveRun>();
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  const substituted = (wf: LoadedWorkflow) => withLocalTokens(wf, substitute(wf.definition, (state) => localTaskArn(wf.name, state)));
  const tokenStates = (wf: LoadedWorkflow) => new Set([...allStates(wf.definition)].filter((s) => waitsForToken(s.state)).map((s) => s.name));

  function machine(wf: LoadedWorkflow, startAt: string): StateMachine {
    const key = `${wf.name}\u0000${startAt}`;
    let m = machines.get(key);
    if (!m) machines.set(key, (m = new StateMachine(startingAt(substituted(wf), startAt) as never, { validationOptions: { checkArn: true, checkPaths: true } })));
    return m;
  }

  /** A Task state's local function: the handler, called as Lambda would call it. */
  function invoke(wf: LoadedWorkflow, t: LoadedTask) {
    return async (input: unknown) => {
      const requestId = randomUUID();
      const call = t.handler(JSON.parse(JSON.stringify(input ?? null)), lambdaContext(`${wf.name}-${t.state}`, requestId, (t.task.timeoutSeconds ?? 60) * 1000));
      inFlight.add(call);
      try {
        const out = JSON.stringify((await call) ?? null);
        if (Buffer.byteLength(out, 'utf8') > MAX_PAYLOAD_BYTES) {
          throw namedError('States.DataLimitExceeded', `${t.state} returned more than Step Functions' 256 KB per payload`);
        }
        return JSON.parse(out);
      } finally {
        inFlight.delete(call);
      }
    };
  }

  /** A wait-for-report state's local function: the task with a durable local token, then the wait for its answer. */
  function awaitToken(wf: LoadedWorkflow, t: LoadedTask, signal?: AbortSignal) {
    const call = invoke(wf, t);
    return async (payload: unknown) => {
      const p = (payload ?? {}) as { execution?: string; input?: Record<string, unknown> };
      const token = localTaskToken(String(p.execution), t.state, p.input);
      await call({ ...p, input: { ...p.input, token } });
      return waitForLocalAnswer(token, signal);
    };
  }

  function overrides(wf: LoadedWorkflow, signal?: AbortSignal) {
    const waiting = tokenStates(wf);
    const taskResourceLocalHandlers = Object.fromEntries(wf.tasks.map((t) => [t.state, waiting.has(t.state) ? awaitToken(wf, t, signal) : invoke(wf, t)]));
    if (waitMs === undefined) return { taskResourceLocalHandlers };
    const states = [...allStates(wf.definition)];
    return {
      taskResourceLocalHandlers,
      waitTimeOverrides: Object.fromEntries(states.filter((s) => s.state.Type === 'Wait').map((s) => [s.name, waitMs])),
      retryIntervalOverrides: Object.fromEntries(states.filter((s) => s.state.Retry?.length).map((s) => [s.name, waitMs])),
    };
  }

  function launch(exec: WorkflowExecutionItem, from?: { state: string; input: unknown }): void {
    const name = exec.executionName;
    if (stopping || active.has(name)) return;
    const wf = byName.get(exec.workflow);
    if (!wf) {
      logger.warn('execution of a workflow this runner does not know; left RUNNING', { execution: name, workflow: exec.workflow });
      return;
    }
    // A resume point in a state the definition no longer has: start over (tasks are idempotent).
    const resumable = from && from.state in wf.definition.States;
    const startAt = resumable ? from.state : wf.definition.StartAt;
    const input = resumable ? from.input : exec.input;
    const topLevel = new Set(Object.keys(wf.definition.States));
    const ended = new AbortController();
    const run = machine(wf, startAt).run(input as never, {
      overrides: overrides(wf, ended.signal),
      context: {
        Execution: { Id: `arn:aws:states:us-east-1:000000000000:execution:${wf.name}:${name}`, Name: name },
        StateMachine: { Id: `arn:aws:states:us-east-1:000000000000:stateMachine:${wf.name}`, Name: wf.name },
      },
    });
    const follow = (async () => {
      for await (const ev of run.eventLogs) {
        if (ev.type === 'StateEntered' && ev.index === undefined && topLevel.has(ev.state.name)) {
          await recordResumePoint(name, { state: ev.state.name, input: ev.state.input }).catch((e: Error) =>
            logger.error('could not record the resume point', { execution: name, state: ev.state.name, error: e.message }),
          );
        }
        if (['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimeout'].includes(ev.type)) break;
      }
    })();
    const done = (async () => {
      let outcome: Parameters<typeof recordExecutionEnd>[1] | undefined;
      try {
        outcome = { status: 'SUCCEEDED', output: await run.result, at: new Date().toISOString() };
      } catch (e) {
        if (e instanceof ExecutionAbortedError) outcome = undefined; // stopped: stays RUNNING, resumed next start
        else if (e instanceof ExecutionTimeoutError) outcome = { status: 'FAILED', error: 'States.Timeout', cause: 'the execution timed out', at: new Date().toISOString() };
        else {
          const inner = (e instanceof ExecutionError ? e.cause : e) as Error;
          outcome = { status: 'FAILED', error: inner?.name ?? 'States.Runtime', cause: inner?.message ?? String(e), at: new Date().toISOString() };
        }
      }
      await follow.catch(() => undefined);
      if (outcome) {
        await recordExecutionEnd(name, outcome).catch((e: Error) => logger.error('could not record the end of an execution', { execution: name, error: e.message }));
      }
    })().finally(() => {
      ended.abort();
      active.delete(name);
    });
    active.set(name, { abort: run.abort, done });
  }

  return {
    start: async (exec) => launch(exec),
    async resume(only = () => true) {
      const names: string[] = [];
      for (const listed of await runningExecutions()) {
        if (!only(listed.executionName)) continue;
        // The index is eventually consistent: the record itself says whether it still runs.
        const exec = await findExecution(listed.executionName);
        if (!exec || exec.status !== 'RUNNING' || !byName.has(exec.workflow) || active.has(exec.executionName)) continue;
        const point = await getResumePoint(exec.executionName);
        launch(exec, point ? { state: point.state, input: point.input } : undefined);
        names.push(exec.executionName);
      }
      return names;
    },
    settled: (executionName) => active.get(executionName)?.done ?? Promise.resolve(),
    async stop({ graceMs = 5_000 } = {}) {
      stopping = true;
      const runs = [...active.values()];
      for (const r of runs) r.abort();
      const grace = new Promise((ok) => setTimeout(ok, graceMs).unref());
      await Promise.race([Promise.allSettled([...runs.map((r) => r.done), ...inFlight]), grace]);
    },
    resources(workflow) {
      const wf = byName.get(workflow);
      if (!wf) throw new Error(`workflow ${workflow} is not in this runner's catalog`);
      return {
        substitutions: Object.fromEntries(wf.tasks.map((t) => [placeholderOf(t.state), localTaskArn(wf.name, t.state)])),
        handlers: Object.keys(overrides(wf).taskResourceLocalHandlers),
      };
    },
  };
}
