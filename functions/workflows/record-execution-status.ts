/**
 * Cloud only: Step Functions' "Execution Status Change" events (EventBridge, for this deployment's state
 * machines) end the execution's record with the status, error and cause Step Functions reports, whether the
 * run ended in a Succeed or Fail state, timed out or was stopped. Locally the runner records the same end.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { recordExecutionEnd } from '#shared/workflows/execution.ts';
import { logger } from '#shared/logger.ts';

interface StatusChange {
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  stopDate?: number | null;
  output?: string | null;
  error?: string | null;
  cause?: string | null;
}

export async function handler(event: EventBridgeEvent<'Step Functions Execution Status Change', StatusChange>): Promise<void> {
  const d = event.detail;
  if (d.status === 'RUNNING' || d.status === 'PENDING_REDRIVE') return;
  const at = new Date(d.stopDate ?? Date.now()).toISOString();
  let output: unknown = d.output ?? null;
  try {
    output = typeof d.output === 'string' ? JSON.parse(d.output) : output;
  } catch {
    // keep the text
  }
  try {
    await recordExecutionEnd(
      d.name,
      d.status === 'SUCCEEDED'
        ? { status: 'SUCCEEDED', output, at }
        : { status: 'FAILED', error: d.error || `States.${d.status === 'TIMED_OUT' ? 'Timeout' : d.status === 'ABORTED' ? 'Aborted' : 'Failed'}`, cause: d.cause ?? '', at },
    );
  } catch (e) {
    // An execution without a record (started by hand in the console) has nothing to end.
    if ((e as Error).name === 'NotFound') return logger.warn('status change of an execution without a record', { execution: d.name });
    throw e;
  }
}
