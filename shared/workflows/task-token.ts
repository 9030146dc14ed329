/**
 * The task-token port: completes a step that waits on `.waitForTaskToken`. In AWS, SendTaskSuccess /
 * SendTaskFailure (client loaded on first use; the function needs the `workflow:complete-task` permission).
 * Locally the token was made by the local runner (`LOCAL_TOKEN_PREFIX`), and the answer is written durably to
 * the table, where the runner's wait for it (`waitForLocalAnswer`) finds it — also after a restart.
 */
import { config } from '#shared/config.ts';
import { commit, stamp } from '#shared/data/store.ts';
import { getLocalTaskAnswer, localTaskAnswerKey, type LocalTaskAnswerItem } from '#shared/data/entities/local-task-answer.ts';
import { Conflict } from '#shared/errors.ts';

export const LOCAL_TOKEN_PREFIX = 'local-task-token:';

export type TaskAnswer = { output: unknown } | { error: string; cause: string };

const ANSWER_TTL_SECONDS = 90 * 24 * 3600;

// A variable module name: the Lambda runtime ships the SDK; type-checking and local runs never load it.
const sfnModule = '@aws-sdk/client-sfn';
let client: Promise<{ sfn: any; sdk: any }> | undefined;

/**
 * Answers the step waiting on `token`. True when the answer was taken (locally also when one was taken before);
 * false when the step no longer waits (in AWS: timed out, ended, or an unknown token).
 */
export async function completeTask(token: string, answer: TaskAnswer): Promise<boolean> {
  if (token.startsWith(LOCAL_TOKEN_PREFIX)) {
    const base = 'output' in answer ? { status: 'SUCCEEDED' as const, output: answer.output } : { status: 'FAILED' as const, error: answer.error, cause: answer.cause };
    const item: LocalTaskAnswerItem = stamp({
      ...localTaskAnswerKey(token),
      entity: 'localTaskAnswer' as const,
      token,
      ...base,
      expiresAt: Math.floor(Date.now() / 1000) + ANSWER_TTL_SECONDS,
    });
    try {
      await commit({ puts: [{ item }] });
      return true;
    } catch (e) {
      // Answered already: the first answer stands (callers answer a recorded report, the same each time).
      if (e instanceof Conflict) return true;
      throw e;
    }
  }
  const { sfn, sdk } = await (client ??= import(sfnModule).then((sdk: any) => ({ sdk, sfn: new sdk.SFNClient({ region: config.region }) })));
  try {
    if ('output' in answer) await sfn.send(new sdk.SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(answer.output ?? null) }));
    else await sfn.send(new sdk.SendTaskFailureCommand({ taskToken: token, error: answer.error.slice(0, 256), cause: answer.cause.slice(0, 32_768) }));
    return true;
  } catch (e) {
    if (['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes((e as Error).name)) return false;
    throw e;
  }
}

/**
 * Locally: waits for the answer to `token`, polling the table with growing intervals (from 20 ms up to 1 s),
 * until it comes or `signal` aborts. Resolves with the output; rejects with an error named as the failure.
 */
export async function waitForLocalAnswer(token: string, signal?: AbortSignal): Promise<unknown> {
  let interval = 20;
  for (;;) {
    if (signal?.aborted) throw Object.assign(new Error('the wait for a task token was stopped'), { name: 'TaskTokenWaitStopped' });
    const answer = await getLocalTaskAnswer(token);
    if (answer?.status === 'SUCCEEDED') return answer.output ?? null;
    if (answer?.status === 'FAILED') throw Object.assign(new Error(answer.cause ?? ''), { name: answer.error ?? 'TaskFailed' });
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(1000, Math.ceil(interval * 1.5));
  }
}
