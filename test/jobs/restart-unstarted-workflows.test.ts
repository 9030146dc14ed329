/**
 * The restart-unstarted-workflows job, through its module's handler, on the fixture workflow run by a local
 * runner: an execution recorded RUNNING whose launch was lost (a starter that drops it, as a crash between
 * the record and StartExecution would) is started and completes; one already running is not started twice;
 * one younger than the grace window is left alone. Records are written by `startWorkflow` itself with the
 * clock set back, so they are old enough for the job (and other test files' fresh runs are not).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerWorkflowStarter, startWorkflow } from '#shared/workflows/start.ts';
import { findExecution } from '#shared/data/entities/workflow-execution.ts';
import { loadWorkflows } from '#infra/workflow-catalog.ts';
import { createLocalRunner, type LocalRunner } from '#infra/local/sfn-runner.ts';
import { handler, job } from '#functions/jobs/restart-unstarted-workflows.ts';
import { FIXTURE_WORKFLOW, fixtureWorkflows } from '../fixtures/workflows/index.ts';
import { marks, openGate } from '../fixtures/workflows/marks.ts';
import { waitForExecution } from '../support/workflows.ts';

let runner: LocalRunner;
const dropped = new Set<string>();
const launched: string[] = [];
const orgId = `o-${randomBytes(5).toString('hex')}`;
const newName = () => `rj-${randomBytes(8).toString('hex')}`;

/** startWorkflow as a use case calls it, with the clock `agoMs` in the past. */
async function startedAgo(executionName: string, agoMs: number, input: Record<string, unknown> = {}) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - agoMs);
  try {
    return await startWorkflow(FIXTURE_WORKFLOW, { orgId, executionName, subject: { serviceId: 's-job' }, input: { serviceId: 's-job', ...input } });
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  runner = createLocalRunner({ workflows: await loadWorkflows(fixtureWorkflows), waitMs: 5 });
  registerWorkflowStarter(async (exec) => {
    launched.push(exec.executionName);
    if (dropped.delete(exec.executionName)) return; // the lost launch
    await runner.start(exec);
  });
});

afterAll(async () => {
  await runner.stop({ graceMs: 100 });
  registerWorkflowStarter(undefined);
});

describe('restart-unstarted-workflows', () => {
  it('is scheduled every 5 minutes', () => {
    expect(job.trigger).toEqual({ schedule: 'rate(5 minutes)' });
  });

  it('starts an execution recorded RUNNING whose launch was lost, and the runner completes it', async () => {
    const name = newName();
    dropped.add(name);
    await startedAgo(name, 10 * 60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await findExecution(name))?.status).toBe('RUNNING');
    expect(marks(name)).toEqual([]);

    const result = (await handler({ time: new Date().toISOString() })) as { relaunched: number; examined: number };
    expect(result.relaunched).toBeGreaterThanOrEqual(1);
    const done = await waitForExecution(name);
    expect(done.status).toBe('SUCCEEDED');
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'FinishFixture']);
  });

  it('does not start an execution already running a second time', async () => {
    const name = newName();
    await startedAgo(name, 10 * 60_000, { gate: true });
    await waitForExecution(name, { until: (e) => e.currentStep === 'AwaitFixtureGate' });
    await handler({ time: new Date().toISOString() });
    await handler({ time: new Date().toISOString() });
    expect(launched.filter((n) => n === name).length).toBe(3); // the start and the two job runs, handed over…
    openGate(name);
    const done = await waitForExecution(name, { timeoutMs: 30_000 });
    expect(done.status).toBe('SUCCEEDED');
    // …and the runner ran every state once.
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'FinishFixture']);
    expect(done.steps.map((s) => s.attempts)).toEqual([1, 1, 1]);
  });

  it('leaves an execution younger than the grace window alone', async () => {
    const name = newName();
    dropped.add(name);
    await startedAgo(name, 0);
    await handler({ time: new Date().toISOString() });
    expect(launched.filter((n) => n === name).length).toBe(1);
    expect((await findExecution(name))?.status).toBe('RUNNING');
    expect(marks(name)).toEqual([]);
  });

  it('counts a launch that fails (logged, tried again next run) and goes on', async () => {
    const name = newName();
    dropped.add(name);
    await startedAgo(name, 10 * 60_000);
    registerWorkflowStarter(async () => {
      throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    });
    try {
      const result = (await handler({ time: new Date().toISOString() })) as { failed: number };
      expect(result.failed).toBeGreaterThanOrEqual(1);
    } finally {
      registerWorkflowStarter(async (exec) => {
        launched.push(exec.executionName);
        if (dropped.delete(exec.executionName)) return;
        await runner.start(exec);
      });
    }
    await handler({ time: new Date().toISOString() });
    expect((await waitForExecution(name)).status).toBe('SUCCEEDED');
  });
});
