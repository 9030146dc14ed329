/**
 * A workflow execution's record: `EXEC#<executionName>` / `#EXEC`, written by `startWorkflow` (created), by
 * the task factory (one step entry per Task state: start, end, error) and by whatever sees the execution
 * end (the local runner; in AWS the execution-status function fed by EventBridge). Status operations read it
 * with one GetItem (`getExecution`) or find it by what it acts on (`latestExecutionsOfSubject`).
 *
 * Beside it, `#RESUME` holds the local runner's resume point (the top-level state last entered and its
 * input, up to Step Functions' 256 KB payload), kept apart so the record stays small and has one writer per
 * concern.
 *
 * Index entries: gsi1 lists the org's executions of one workflow on one subject by start time; gsi2 has an
 * entry only while the status is RUNNING (`indexed` adds or drops it on every write), which is how the local
 * stack finds what to resume without a Scan.
 */
import { keys, RUNNING_SHARDS, shardOf } from '#shared/data/keys.ts';
import { getItem, queryAll, queryPage, type Key, type Page, type Stored } from '#shared/data/store.ts';
import { NotFound } from '#shared/errors.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type StepStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One Task state's latest run (a state run again — retry, loop, resume — updates its entry). */
export interface StepRecord {
  state: string;
  status: StepStatus;
  /** How many times the state started in this execution. */
  attempts: number;
  startedAt: string;
  endedAt?: string;
  /** The task's result as JSON, cut to a bounded summary (EXECUTION_LIMITS.summaryChars). */
  output?: string;
  error?: string;
  cause?: string;
}

export interface WorkflowExecutionItem extends Stored {
  entity: 'workflowExecution';
  workflow: string;
  executionName: string;
  orgId: string;
  /** What the execution acts on, e.g. `{ serviceId, environmentId }`; `subjectKey` is its canonical text. */
  subject: Record<string, string>;
  subjectKey: string;
  /** The execution's input (ids, bounded). */
  input: Record<string, unknown>;
  status: ExecutionStatus;
  /** The Task state that started last. */
  currentStep?: string;
  /** In order of first start; one entry per Task state. */
  steps: StepRecord[];
  /** The execution's output summary when it succeeded. */
  output?: string;
  error?: string;
  cause?: string;
  startedAt: string;
  stoppedAt?: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface ResumePointItem extends Stored {
  entity: 'workflowResumePoint';
  executionName: string;
  /** The top-level state entered last: where a restarted runner starts again. */
  state: string;
  input: unknown;
  enteredAt: string;
}

export function executionKey(executionName: string): Key {
  return keys.workflowExecution(executionName);
}

export function resumePointKey(executionName: string): Key {
  return keys.workflowResumePoint(executionName);
}

/** Which gsi2 partition holds a RUNNING entry: a small stable hash of the name. */
export const runningShard = (executionName: string): number => shardOf(executionName, RUNNING_SHARDS);

/** The item with its index attributes as its status requires: the RUNNING entry exists only while running. */
export function indexed(item: Omit<WorkflowExecutionItem, 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>): WorkflowExecutionItem {
  const { gsi2pk: _pk, gsi2sk: _sk, ...rest } = item as WorkflowExecutionItem;
  return {
    ...rest,
    ...keys.executionOfSubjectListing(item.orgId, item.workflow, item.subjectKey, item.startedAt, item.executionName),
    ...(item.status === 'RUNNING' ? keys.runningExecutionEntry(runningShard(item.executionName), item.startedAt, item.executionName) : {}),
  };
}

/** The record whatever its org: for the engine itself (task factory, runner), which holds only a name. */
export function findExecution(executionName: string): Promise<WorkflowExecutionItem | undefined> {
  return getItem<WorkflowExecutionItem>(executionKey(executionName));
}

/** The record of an execution of the caller's org; another org's is not found, like a missing one. */
export async function getExecution(orgId: string, executionName: string): Promise<WorkflowExecutionItem> {
  const item = await findExecution(executionName);
  if (!item || item.orgId !== orgId) throw new NotFound('workflow execution');
  return item;
}

/** The org's executions of `workflow` on one subject, newest first, one page at a time. */
export function latestExecutionsOfSubject(
  orgId: string,
  workflow: string,
  subjectKey: string,
  page: { limit?: number; pageToken?: string } = {},
): Promise<Page<WorkflowExecutionItem>> {
  return queryPage<WorkflowExecutionItem>({ ...keys.executionsOfSubject(orgId, workflow, subjectKey), ...page, descending: true });
}

/** Every execution still RUNNING (all orgs): what a restarted local runner resumes. Oldest first per shard. */
export async function runningExecutions(): Promise<WorkflowExecutionItem[]> {
  const shards = await Promise.all(Array.from({ length: RUNNING_SHARDS }, (_, i) => queryAll<WorkflowExecutionItem>(keys.runningExecutions(i))));
  return shards.flat().sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export function getResumePoint(executionName: string): Promise<ResumePointItem | undefined> {
  return getItem<ResumePointItem>(resumePointKey(executionName));
}

/** One page of the shard's executions still RUNNING that started before `before` (ISO time), oldest first. */
export function runningExecutionsStartedBefore(
  shard: number,
  before: string,
  page: { limit?: number; pageToken?: string } = {},
): Promise<Page<WorkflowExecutionItem>> {
  return queryPage<WorkflowExecutionItem>({ ...keys.runningExecutionsStartedBefore(shard, before), ...page });
}
