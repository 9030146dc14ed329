/**
 * Workflow helpers for tests. A handler test that starts a workflow needs nothing: every test worker has a
 * local runner with the real catalog registered (test/setup/env.ts), and HTTP tests reach the run's local
 * stack, which has its own. `waitForExecution` waits on the execution record, wherever the run happens.
 */
import { findExecution, type WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';

/** Polls the execution record until `until` holds (default: the execution ended); returns the record. */
export async function waitForExecution(
  executionName: string,
  opts: { timeoutMs?: number; until?: (e: WorkflowExecutionItem) => boolean } = {},
): Promise<WorkflowExecutionItem> {
  const until = opts.until ?? ((e) => e.status !== 'RUNNING');
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let last: WorkflowExecutionItem | undefined;
  for (;;) {
    last = await findExecution(executionName);
    if (last && until(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`execution ${executionName} did not get there within ${opts.timeoutMs ?? 15_000} ms; last record: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
