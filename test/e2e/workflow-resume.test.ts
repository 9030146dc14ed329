/**
 * Resume for real: a local stack (test/fixtures/workflows/stack.ts — infra/local/stack.ts with the fixture
 * workflow in its catalog) runs a fixture execution until its AwaitFixtureGate task blocks, is SIGKILLed
 * (the whole process group, DynamoDB Local with it), and is started again on the same DATA_DIR. The new
 * process finds the execution RUNNING and resumes it at the state that had not completed: the gate task runs
 * a second time, the states before it do not, and the execution completes. The Wait state before the gate
 * is honoured (1 s, no override).
 */
import { randomBytes } from 'node:crypto';
import { killableStacks, until as untilHolds, type KillableStack } from '../support/killable-stack.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localClient } from '#infra/local/dynamodb.ts';
import { keys } from '#shared/data/keys.ts';
import type { WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';
import { marks, openGate } from '../fixtures/workflows/marks.ts';

const stacks = killableStacks('resume');
const { dataDir } = stacks;

const start = (extra: Record<string, string> = {}) =>
  stacks.start({ script: 'test/fixtures/workflows/stack.ts', env: extra, ready: [/resumed \d+/] });

/** The shared poll with this file's longer default. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => untilHolds(what, check, timeoutMs);

function record(endpoint: string, name: string): Promise<WorkflowExecutionItem | undefined> {
  const doc = DynamoDBDocumentClient.from(localClient(endpoint));
  return doc
    .send(new GetCommand({ TableName: 'omnistrate', Key: keys.workflowExecution(name), ConsistentRead: true }))
    .then((r) => r.Item as WorkflowExecutionItem | undefined)
    .finally(() => doc.destroy());
}

afterAll(() => stacks.cleanUp());

describe('workflow resume across a killed local stack', () => {
  it('re-runs the state that had not completed, and only that one, then completes', { timeout: 180_000 }, async () => {
    const name = `resume-${randomBytes(6).toString('hex')}`;
    const first = await start({ FIXTURE_START: name, FIXTURE_INPUT: JSON.stringify({ gate: true }) });
    expect(first.output()).toContain('resumed 0 workflow execution(s)');
    const begun = Date.now();
    await until('the gate task to block', () => marks(name, dataDir).includes('AwaitFixtureGate'));
    // The Wait state between PrepareFixture and the gate took its second.
    expect(Date.now() - begun).toBeGreaterThanOrEqual(900);
    await until('the gate step on the record', async () => (await record(first.dynamo, name))?.currentStep === 'AwaitFixtureGate');
    // DynamoDB Local may lose the last milliseconds of transactions to a SIGKILL (docs/operations.md).
    await new Promise((r) => setTimeout(r, 500));
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;

    const second = await start();
    expect(second.output()).toContain(`resumed 1 workflow execution(s): ${name}`);
    await until('the gate task to run again', () => marks(name, dataDir).filter((m) => m === 'AwaitFixtureGate').length === 2);
    openGate(name, dataDir);
    await until('the execution to end', async () => (await record(second.dynamo, name))?.status !== 'RUNNING');
    const done = (await record(second.dynamo, name))!;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((s) => [s.state, s.status, s.attempts])).toEqual([
      ['PrepareFixture', 'SUCCEEDED', 1],
      ['AwaitFixtureGate', 'SUCCEEDED', 2],
      ['FinishFixture', 'SUCCEEDED', 1],
    ]);
    expect(marks(name, dataDir)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'AwaitFixtureGate', 'FinishFixture']);

    process.kill(-second.child.pid!, 'SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
