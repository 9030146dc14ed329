/**
 * The shape of one workflow task: the counterpart of an operation's registry entry for a Task state of a
 * state machine (docs/decisions/008). Every task module, `functions/workflows/<workflow>/<state-kebab>.ts`,
 * defines exactly one task with `defineTask` and exports the handler built from it by `taskHandler`
 * (shared/workflows/task-handler.ts). The catalog (`functions/workflows/index.ts`) names the workflows; the
 * CDK app, the local runner and the contract tests find each task from its state machine by convention.
 */
import type { z } from 'zod';
import { operationFileName, type Permission, type WorkflowName } from '#shared/registry/operation.ts';

export type { WorkflowName };

/** What a task knows about the execution it runs in, read from the execution record (never from state data). */
export interface TaskContext {
  workflow: WorkflowName;
  /** The Task state's name. */
  state: string;
  executionName: string;
  /** The org the execution was started for: the tenancy of everything the task touches. */
  orgId: string;
  /** What the execution acts on, as recorded at start (e.g. `{ serviceId, environmentId }`). */
  subject: Record<string, string>;
  /** 1 on the first run of this state in this execution, 2 on a retry or a resumed run, … */
  attempt: number;
}

export interface TaskDefinition<I extends z.ZodType = z.ZodType, R = unknown> {
  workflow: WorkflowName;
  /** The Task state's name in the ASL (PascalCase, domain words); its Resource is `${<state>FunctionArn}`. */
  state: string;
  /** The state's `input` (what its Parameters pass as `input`); a mismatch fails the task with BadRequest. */
  input: I;
  /**
   * What the task's function may do beyond reading the table. Writing the table is implied: the task factory
   * records every step on the execution item.
   */
  permissions?: Permission[];
  /**
   * The workflows the task starts (through a use case that calls `startWorkflow`): its function gets
   * `states:StartExecution` on exactly those machines and their ARNs, as an operation's `workflows` does.
   */
  workflows?: WorkflowName[];
  /** The function's timeout (default 60 s, at most 900). */
  timeoutSeconds?: number;
  /** Must be idempotent: Step Functions retries, and the local runner re-runs a state after a restart. */
  run(input: z.output<I>, ctx: TaskContext): Promise<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskDefinition<any, any>;

export function defineTask<I extends z.ZodType, R>(def: TaskDefinition<I, R>): TaskDefinition<I, R> {
  return def;
}

/** One line of the catalog. Paths default to the conventions; the test fixtures set them. */
export interface WorkflowEntry {
  name: WorkflowName;
  /** Project-relative ASL file; default `statemachines/<name>.asl.json`. */
  definition?: string;
  /** Project-relative folder of the task modules; default `functions/workflows/<name>`. */
  tasksDir?: string;
}

export type WorkflowCatalog = readonly WorkflowEntry[];

export function definitionFile(entry: WorkflowEntry): string {
  return entry.definition ?? `statemachines/${entry.name}.asl.json`;
}

export function tasksDir(entry: WorkflowEntry): string {
  return entry.tasksDir ?? `functions/workflows/${entry.name}`;
}

/** `PromoteEnvironment` → `functions/workflows/<workflow>/promote-environment.ts`. */
export function taskModuleFile(entry: WorkflowEntry, state: string): string {
  return `${tasksDir(entry)}/${operationFileName(state)}.ts`;
}

/** The substitution name of a Task state's function ARN: `${PromoteEnvironmentFunctionArn}`. */
export function placeholderOf(state: string): string {
  return `${state}FunctionArn`;
}

/** `${PromoteEnvironmentFunctionArn}` → `PromoteEnvironment`; undefined for anything else. */
export function stateOfPlaceholder(resource: string): string | undefined {
  return /^\$\{([A-Z][A-Za-z0-9]*)FunctionArn\}$/.exec(resource)?.[1];
}

/** The payload every Task state passes (its `Parameters`): the execution's name and the task's input. */
export const TASK_PARAMETERS = { execution: '$$.Execution.Name' } as const;

/**
 * The Resource of a Task state that waits for a report (the callback pattern): Step Functions invokes the
 * task's function (`Parameters.FunctionName` is `${<State>FunctionArn}`) with `Parameters.Payload` — which
 * passes the execution's name and an `input` holding `"token.$": "$$.Task.Token"` — and then waits until
 * SendTaskSuccess/SendTaskFailure with that token, or the state's timeout. Locally the runner emulates it.
 */
export const WAIT_FOR_TASK_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
export const TASK_TOKEN_PATH = '$$.Task.Token';

/** A Catch leads here: a Task state named `Record…Failure`, which records the real error, then a Fail state. */
export const FAILURE_STATE = /^Record[A-Za-z0-9]*Failure$/;
