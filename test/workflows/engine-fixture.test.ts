/**
 * The workflow engine end to end in-process: startWorkflow → the local runner (aws-local-stepfunctions on the
 * fixture's ASL file) → the task modules through the task factory → the execution record. Success, a failing
 * step whose real error and cause reach the record, bad input, idempotent starts, tenancy, and a resume after
 * the runner is stopped between two steps. (The same resume across a SIGKILLed local stack:
 * test/e2e/workflow-resume.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorkflowStarter, startWorkflow } from '#shared/workflows/start.ts';
import { getExecution, latestExecutionsOfSubject, runningExecutions } from '#shared/data/entities/workflow-execution.ts';
import { getResumePoint } from '#shared/data/entities/workflow-execution.ts';
import { subjectKey } from '#shared/domain/workflow-execution.ts';
import { BadRequest, Conflict, NotFound } from '#shared/errors.ts';
import { loadWorkflows, type LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { createLocalRunner, type LocalRunner } from '#infra/local/sfn-runner.ts';
import { FIXTURE_WORKFLOW, fixtureWorkflows } from '../fixtures/workflows/index.ts';
import { marks, openGate } from '../fixtures/workflows/marks.ts';
import { waitForExecution } from '../support/workflows.ts';

let loaded: LoadedWorkflow[];
let runner: LocalRunner;
const orgId = `o-${randomBytes(5).toString('hex')}`;
const otherOrg = `o-${randomBytes(5).toString('hex')}`;
const newName = () => `x-${randomBytes(8).toString('hex')}`;
const start = (executionName: string, input: Record<string, unknown> = {}, org = orgId) =>
  startWorkflow(FIXTURE_WORKFLOW, { orgId: org, executionName, subject: { serviceId: 's-fixture' }, input: { serviceId: 's-fixture', ...input } });

beforeAll(async () => {
  loaded = await loadWorkflows(fixtureWorkflows);
  runner = createLocalRunner({ workflows: loaded, waitMs: 5 });
  registerWorkflowStarter(runner.start);
});

afterAll(async () => {
  await runner.stop({ graceMs: 100 });
});

describe('a fixture execution that succeeds', () => {
  it('runs every state in order and records each step, the output and the end', async () => {
    const name = newName();
    const started = await start(name);
    expect(started).toEqual({ workflow: FIXTURE_WORKFLOW, executionName: name, status: 'RUNNING', created: true });
    const done = await waitForExecution(name);
    expect(done).toMatchObject({ status: 'SUCCEEDED', orgId, subject: { serviceId: 's-fixture' }, currentStep: 'FinishFixture' });
    expect(done.steps.map((s) => [s.state, s.status, s.attempts])).toEqual([
      ['PrepareFixture', 'SUCCEEDED', 1],
      ['AwaitFixtureGate', 'SUCCEEDED', 1],
      ['FinishFixture', 'SUCCEEDED', 1],
    ]);
    // The task got its org and subject from the record; the summary is the task's result as JSON.
    expect(JSON.parse(done.steps[2].output!)).toEqual({ finished: 's-fixture', subject: { serviceId: 's-fixture' }, orgId });
    expect(JSON.parse(done.output!)).toMatchObject({ serviceId: 's-fixture', prepared: { prepared: 's-fixture' }, gated: { gate: 'none' } });
    expect(done.stoppedAt! >= done.startedAt).toBe(true);
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'FinishFixture']);
    // The resume point followed the run to its last state; the sparse RUNNING entry is gone.
    expect((await getResumePoint(name))?.state).toBe('FinishFixture');
    expect(done.gsi2pk).toBeUndefined();
    expect((await runningExecutions()).map((e) => e.executionName)).not.toContain(name);
  });

  it('is listed under its subject, newest first, for the org that started it only', async () => {
    const first = newName();
    const second = newName();
    await start(first);
    await waitForExecution(first);
    await start(second);
    await waitForExecution(second);
    const page = await latestExecutionsOfSubject(orgId, FIXTURE_WORKFLOW, subjectKey({ serviceId: 's-fixture' }), { limit: 2 });
    expect(page.items.map((e) => e.executionName)).toEqual([second, first]);
    const other = await latestExecutionsOfSubject(otherOrg, FIXTURE_WORKFLOW, subjectKey({ serviceId: 's-fixture' }));
    expect(other.items).toEqual([]);
  });

  it('is read by its org, and not found for another org', async () => {
    const name = newName();
    await start(name);
    await waitForExecution(name);
    expect((await getExecution(orgId, name)).executionName).toBe(name);
    await expect(getExecution(otherOrg, name)).rejects.toBeInstanceOf(NotFound);
    await expect(getExecution(orgId, newName())).rejects.toThrow('workflow execution not found');
  });
});

describe('starting is idempotent', () => {
  it('the same name again starts nothing new, running or finished', async () => {
    const name = newName();
    await start(name, { gate: true });
    await waitForExecution(name, { until: (e) => e.currentStep === 'AwaitFixtureGate' });
    const again = await start(name, { gate: false });
    expect(again).toMatchObject({ executionName: name, status: 'RUNNING', created: false });
    openGate(name);
    const done = await waitForExecution(name);
    // The recorded input won: the gate was waited for.
    expect(JSON.parse(done.output!).gated).toEqual({ gate: 'opened' });
    expect(await start(name)).toMatchObject({ status: 'SUCCEEDED', created: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'FinishFixture']);
  });

  it('a name taken by another org or another workflow is a 409, and changes nothing', async () => {
    const name = newName();
    await start(name);
    await waitForExecution(name);
    await expect(start(name, {}, otherOrg)).rejects.toBeInstanceOf(Conflict);
    await expect(
      startWorkflow('another-workflow', { orgId, executionName: name, subject: { serviceId: 's-fixture' }, input: {} }),
    ).rejects.toThrow(`workflow execution name ${name} is already taken`);
    expect((await getExecution(orgId, name)).workflow).toBe(FIXTURE_WORKFLOW);
  });
});

describe('bad starts', () => {
  it('refuses an input over 32 KB, a bad name and a bad subject, recording nothing', async () => {
    const name = newName();
    await expect(start(name, { blob: 'x'.repeat(33 * 1024) })).rejects.toThrow(/workflow input is 34 KB, over the 32 KB .*pass ids, not documents/);
    await expect(start('has spaces')).rejects.toBeInstanceOf(BadRequest);
    await expect(start('x'.repeat(81))).rejects.toThrow(/1–80 letters/);
    await expect(
      startWorkflow(FIXTURE_WORKFLOW, { orgId, executionName: name, subject: { serviceId: 'not an id' }, input: {} }),
    ).rejects.toThrow('workflow subject.serviceId must be an id');
    await expect(startWorkflow(FIXTURE_WORKFLOW, { orgId, executionName: name, subject: {}, input: {} })).rejects.toThrow(/at least one id/);
    await expect(getExecution(orgId, name)).rejects.toBeInstanceOf(NotFound);
  });
});

describe('a fixture execution that fails', () => {
  it("puts the failing step's real error and cause on the record, through the Catch and the failure recorder", async () => {
    const name = newName();
    await start(name, { failAt: 'FinishFixture' });
    const done = await waitForExecution(name);
    expect(done).toMatchObject({ status: 'FAILED', error: 'InvalidState', cause: 'the fixture asked FinishFixture to fail' });
    const byState = Object.fromEntries(done.steps.map((s) => [s.state, s]));
    expect(byState.FinishFixture).toMatchObject({ status: 'FAILED', error: 'InvalidState', cause: 'the fixture asked FinishFixture to fail' });
    expect(byState.RecordFixtureFailure.status).toBe('SUCCEEDED');
    expect(JSON.parse(byState.RecordFixtureFailure.output!)).toEqual({ recorded: 'InvalidState', cause: 'the fixture asked FinishFixture to fail' });
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'FinishFixture', 'RecordFixtureFailure']);
    expect(done.gsi2pk).toBeUndefined();
  });

  it('fails a step whose input does not fit its schema with a BadRequest naming the field', async () => {
    const name = newName();
    await start(name, { failAt: 42 });
    const done = await waitForExecution(name);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('BadRequest');
    expect(done.cause).toMatch(/^engine-fixture\.PrepareFixture input\.failAt: /);
    expect(done.steps[0]).toMatchObject({ state: 'PrepareFixture', status: 'FAILED', error: 'BadRequest' });
    expect(marks(name)).toEqual(['RecordFixtureFailure']);
  });
});

describe('resume', () => {
  it('a runner stopped between two steps is taken up by the next: the unfinished state re-runs, nothing else', async () => {
    const name = newName();
    await start(name, { gate: true });
    await waitForExecution(name, { until: (e) => e.steps.some((s) => s.state === 'AwaitFixtureGate') });
    await runner.stop({ graceMs: 50 });
    expect((await getExecution(orgId, name)).status).toBe('RUNNING');
    expect((await getResumePoint(name))?.state).toBe('AwaitFixtureGate');

    runner = createLocalRunner({ workflows: loaded, waitMs: 5 });
    registerWorkflowStarter(runner.start);
    expect(await runner.resume((n) => n === name)).toEqual([name]);
    await waitForExecution(name, { until: (e) => e.steps.find((s) => s.state === 'AwaitFixtureGate')?.attempts === 2 });
    openGate(name);
    const done = await waitForExecution(name);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((s) => [s.state, s.attempts])).toEqual([
      ['PrepareFixture', 1],
      ['AwaitFixtureGate', 2],
      ['FinishFixture', 1],
    ]);
    // The first runner's gate task was still waiting when it stopped; it ends too, without a second run of anything.
    await new Promise((r) => setTimeout(r, 150));
    expect(marks(name)).toEqual(['PrepareFixture', 'AwaitFixtureGate', 'AwaitFixtureGate', 'FinishFixture']);
  });
});
