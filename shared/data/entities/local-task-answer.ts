/**
 * Locally, task tokens are emulated durably (aws-local-stepfunctions has none): the local runner gives a
 * `.waitForTaskToken` step a token derived from its execution, state and input (so a restarted runner gives
 * the resumed step the same one), and `completeTask` (shared/workflows/task-token.ts) writes the answer here,
 * where the runner polls for it. `TASKTOKEN#<token>` / `#ANSWER`; first answer wins; expires after 90 days.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Stored } from '#shared/data/store.ts';

export interface LocalTaskAnswerItem extends Stored {
  entity: 'localTaskAnswer';
  token: string;
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  expiresAt: number;
}

export const localTaskAnswerKey = (token: string) => keys.localTaskAnswer(token);

export async function getLocalTaskAnswer(token: string): Promise<LocalTaskAnswerItem | undefined> {
  return getItem<LocalTaskAnswerItem>(keys.localTaskAnswer(token));
}
