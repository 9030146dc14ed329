/** The execution record's rules (shared/domain/workflow-execution.ts), pure. */
import { describe, expect, it } from 'vitest';
import {
  bounded,
  causeMessage,
  checkExecutionInput,
  EXECUTION_LIMITS,
  executionEnded,
  newExecution,
  stepFailed,
  stepStarted,
  stepSucceeded,
  subjectKey,
  summarize,
} from '#shared/domain/workflow-execution.ts';

const at = '2026-01-01T00:00:00.000Z';
const base = () => ({
  ...newExecution({ workflow: 'w', executionName: 'n-1', orgId: 'o-1', subject: { serviceId: 's-1' }, input: { serviceId: 's-1' }, at }),
  pk: 'p',
  sk: 's',
  version: 1,
  createdAt: at,
  updatedAt: at,
});

describe('workflow execution rules', () => {
  it('keys a subject by its sorted entries and refuses what is not an id', () => {
    expect(subjectKey({ serviceId: 's-1', environmentId: 'e-2' })).toBe('environmentId=e-2,serviceId=s-1');
    expect(() => subjectKey({ serviceId: 'a#b' })).toThrow('workflow subject.serviceId must be an id');
    expect(() => subjectKey({ 'bad key': 'x' })).toThrow(/must be an identifier/);
    expect(() => subjectKey(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v'])))).toThrow(/at most 8 ids/);
  });

  it('takes a JSON object of at most 32 KiB as input, a copy of it', () => {
    const input = { a: 1 };
    const stored = checkExecutionInput(input);
    expect(stored).toEqual(input);
    expect(stored).not.toBe(input);
    expect(() => checkExecutionInput([1])).toThrow('workflow input must be a JSON object');
    expect(() => checkExecutionInput({ x: 'y'.repeat(EXECUTION_LIMITS.inputBytes) })).toThrow(/pass ids, not documents/);
  });

  it('counts attempts per state, keeps the order of first start, and bounds what a step shows', () => {
    let e = stepStarted(base(), 'A', at);
    e = stepSucceeded(e, 'A', { big: 'x'.repeat(5000) }, at);
    e = stepStarted(e, 'B', at);
    e = stepFailed(e, 'B', { name: 'Conflict', message: 'm'.repeat(10_000) }, at);
    e = stepStarted(e, 'B', at);
    expect(e.steps.map((s) => [s.state, s.status, s.attempts])).toEqual([
      ['A', 'SUCCEEDED', 1],
      ['B', 'RUNNING', 2],
    ]);
    expect(e.currentStep).toBe('B');
    expect(e.steps[0].output!.length).toBe(EXECUTION_LIMITS.summaryChars);
    expect(e.steps[0].output!.endsWith('…')).toBe(true);
    const failed = stepFailed(e, 'B', { name: 'Conflict', message: 'm'.repeat(10_000) }, at);
    expect(failed.steps[1].cause!.length).toBe(EXECUTION_LIMITS.causeChars);
  });

  it('records at most EXECUTION_LIMITS.steps distinct states', () => {
    let e = base();
    for (let i = 0; i < EXECUTION_LIMITS.steps + 5; i++) e = stepStarted(e, `S${i}`, at);
    expect(e.steps).toHaveLength(EXECUTION_LIMITS.steps);
  });

  it('ends once: a second report changes nothing', () => {
    const failed = executionEnded(base(), { status: 'FAILED', error: 'InvalidState', cause: '{"errorType":"InvalidState","errorMessage":"no","trace":[]}', at })!;
    expect(failed).toMatchObject({ status: 'FAILED', error: 'InvalidState', cause: 'no', stoppedAt: at });
    expect(executionEnded(failed, { status: 'SUCCEEDED', at })).toBeUndefined();
  });

  it("reads a failure's message from a Lambda cause (JSON) or a local one (text)", () => {
    expect(causeMessage('{"errorType":"Conflict","errorMessage":"taken"}')).toBe('taken');
    expect(causeMessage('plain words')).toBe('plain words');
    expect(causeMessage(undefined)).toBe('');
    expect(summarize(undefined)).toBe('null');
    expect(bounded('ab😀cd', 4)).toBe('ab…');
  });
});
