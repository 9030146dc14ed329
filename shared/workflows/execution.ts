/**
 * The engine's writes to an execution's record, each a read–decide–commit under `withRetry` (decision 005):
 * a step's start, end and error (the task factory), the execution's end (the local runner; in AWS the
 * execution-status function) and the local resume point (the local runner). Nothing else writes them.
 */
import { advance, commit, stamp, withRetry } from '#shared/data/store.ts';
import {
  findExecution,
  getResumePoint,
  indexed,
  resumePointKey,
  type WorkflowExecutionItem,
} from '#shared/data/entities/workflow-execution.ts';
import { BadRequest, NotFound } from '#shared/errors.ts';
import { executionEnded, stepFailed, stepStarted, stepSucceeded, type ExecutionOutcome } from '#shared/domain/workflow-execution.ts';

const now = () => new Date().toISOString();

async function change(
  executionName: string,
  decide: (current: WorkflowExecutionItem) => WorkflowExecutionItem | undefined,
): Promise<WorkflowExecutionItem> {
  return withRetry(async () => {
    const current = await findExecution(executionName);
    if (!current) throw new NotFound(`workflow execution ${executionName}`);
    const decided = decide(current);
    if (!decided) return current;
    const next = indexed(advance(current, decided));
    await commit({ puts: [{ item: next, expectVersion: current.version }] });
    return next;
  });
}

/** A Task state starts: returns the record (the task's tenancy and subject come from it). */
export function recordStepStart(executionName: string, workflow: string, state: string): Promise<WorkflowExecutionItem> {
  return change(executionName, (current) => {
    if (current.workflow !== workflow) {
      throw new BadRequest(`execution ${executionName} belongs to workflow ${current.workflow}, not ${workflow}`);
    }
    return stepStarted(current, state, now());
  });
}

export function recordStepEnd(executionName: string, state: string, output: unknown): Promise<WorkflowExecutionItem> {
  return change(executionName, (current) => stepSucceeded(current, state, output, now()));
}

export function recordStepError(executionName: string, state: string, error: { name: string; message: string }): Promise<WorkflowExecutionItem> {
  return change(executionName, (current) => stepFailed(current, state, error, now()));
}

/** The execution ended; reported twice (a retried event, a runner and a late event) it changes nothing. */
export function recordExecutionEnd(executionName: string, outcome: ExecutionOutcome): Promise<WorkflowExecutionItem> {
  return change(executionName, (current) => executionEnded(current, outcome));
}

/** Where the local runner stands: the top-level state it entered last and that state's input. */
export async function recordResumePoint(executionName: string, point: { state: string; input: unknown }): Promise<void> {
  await withRetry(async () => {
    const current = await getResumePoint(executionName);
    const fields = { entity: 'workflowResumePoint' as const, executionName, state: point.state, input: point.input ?? null, enteredAt: now() };
    if (!current) await commit({ puts: [{ item: stamp({ ...resumePointKey(executionName), ...fields }) }] });
    else await commit({ puts: [{ item: advance(current, { ...current, ...fields }), expectVersion: current.version }] });
  });
}
