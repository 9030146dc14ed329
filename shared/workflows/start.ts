/**
 * The one port that starts a workflow (docs/decisions/008). A use case records its intent, then calls
 * `startWorkflow` with the intent's id as the execution name:
 *
 *   await startWorkflow('promote-environment', {
 *     orgId: caller.orgId, executionName: intent.intentId,
 *     subject: { serviceId, environmentId }, input: { serviceId, environmentId, intentId },
 *   });
 *
 * It writes the execution record (RUNNING), then starts the run: in AWS `StartExecution` on the workflow's
 * state machine (its ARN in the function's environment, there only when the registry entry declares the
 * workflow in `workflows`); locally the runner the local stack (or a test) registered with
 * `registerWorkflowStarter`. shared/ never imports the runner itself.
 *
 * Idempotent: the same name again finds the same record and starts nothing new (a run already going is left
 * alone, a finished one is not restarted; StartExecution with the same name and input is itself a no-op). A
 * name taken by another workflow or org is a 409.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { commit, stamp } from '#shared/data/store.ts';
import { executionKey, findExecution, indexed, type WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';
import { newExecution } from '#shared/domain/workflow-execution.ts';
import { Conflict } from '#shared/errors.ts';
import { config } from '#shared/config.ts';
import type { WorkflowName } from '#shared/registry/operation.ts';

export interface StartWorkflowRequest {
  /** The org the execution works for; its tasks act in this org only. */
  orgId: string;
  /** The id of the intent the caller recorded (1–80 of `[A-Za-z0-9_-]`). */
  executionName: string;
  /** What the execution acts on, by id: what status operations look it up by. */
  subject: Record<string, string>;
  /** The execution's input: ids, not documents (at most 32 KiB). */
  input: Record<string, unknown>;
}

export interface StartedWorkflow {
  workflow: WorkflowName;
  executionName: string;
  status: WorkflowExecutionItem['status'];
  /** False when the name had been started before (nothing new was started). */
  created: boolean;
}

/** Hands a recorded execution to a runner; resolves once the run is under way (not when it ends). */
export type WorkflowStarter = (execution: WorkflowExecutionItem) => Promise<void>;

let localStarter: WorkflowStarter | undefined;

/** The local stack and tests register their runner here; `undefined` goes back to Step Functions. */
export function registerWorkflowStarter(starter: WorkflowStarter | undefined): void {
  localStarter = starter;
}

export async function startWorkflow(workflow: WorkflowName, req: StartWorkflowRequest): Promise<StartedWorkflow> {
  const fields = newExecution({ workflow, ...req, at: new Date().toISOString() });
  const item = indexed(stamp({ ...executionKey(req.executionName), ...fields }));
  let record: WorkflowExecutionItem = item;
  let created = true;
  try {
    await commit({ puts: [{ item }] });
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    const existing = await findExecution(req.executionName);
    if (!existing) throw e;
    if (existing.workflow !== workflow || existing.orgId !== req.orgId) {
      throw new Conflict(`workflow execution name ${req.executionName} is already taken`);
    }
    record = existing;
    created = false;
  }
  // A repeated start of a run still going hands it over again: a start lost after the record (a crash, a
  // throttled StartExecution) happens now, and one that did happen is not repeated (both runners ignore it).
  if (record.status === 'RUNNING') await launch(record);
  return { workflow, executionName: record.executionName, status: record.status, created };
}

/**
 * Hands an execution already recorded RUNNING to its runner again: what `startWorkflow` does for a repeated
 * name, for a record read back (the restart-unstarted-workflows job). StartExecution with the same name and
 * input is a no-op when the execution exists; the local runner ignores one it is running. A record no longer
 * RUNNING is left alone. Resolves true when it was handed over.
 */
export async function relaunch(record: WorkflowExecutionItem): Promise<boolean> {
  if (record.status !== 'RUNNING') return false;
  await launch(record);
  return true;
}

let sfn: SFNClient | undefined;

async function launch(record: WorkflowExecutionItem): Promise<void> {
  if (localStarter) return localStarter(record);
  const stateMachineArn = config.workflowArn(record.workflow);
  if (!stateMachineArn) {
    throw new Error(`no state machine for workflow ${record.workflow}: the operation must declare it in its registry entry's workflows`);
  }
  // Loaded on first use: only the functions that start workflows pay for the client.
  const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
  sfn ??= new SFNClient({ region: config.region });
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: record.executionName, input: JSON.stringify(record.input) }));
  } catch (e) {
    // The name was used before (a closed execution of it, or the same start again): nothing new to start.
    if ((e as { name?: string }).name === 'ExecutionAlreadyExists') return;
    throw e;
  }
}
