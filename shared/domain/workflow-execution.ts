/**
 * The rules of a workflow execution's record, pure: what a start may carry (a name Step Functions accepts,
 * ids rather than documents), and how a step's start, end or error and the execution's end change the record.
 * Every text that comes from a run (outputs, errors, causes) is cut to a bound, so the record stays small
 * however the tasks behave.
 */
import { BadRequest } from '#shared/errors.ts';
import type { StepRecord, WorkflowExecutionItem } from '#shared/data/entities/workflow-execution.ts';

export const EXECUTION_LIMITS = {
  /** Step Functions execution names: 1–80 of these characters. */
  name: /^[A-Za-z0-9_-]{1,80}$/,
  /**
   * An execution input carries ids, not documents: 32 KiB, far under Step Functions' 256 KB per payload, so
   * what the states add to it has room.
   */
  inputBytes: 32 * 1024,
  subjectEntries: 8,
  subjectKey: /^[A-Za-z][A-Za-z0-9]{0,63}$/,
  subjectValue: /^[A-Za-z0-9._:-]{1,128}$/,
  /** A step's or an execution's output summary. */
  summaryChars: 1024,
  errorChars: 256,
  causeChars: 4096,
  /** Task states recorded per execution (the contract test holds every machine below it). */
  steps: 100,
} as const;

type Record_ = Omit<WorkflowExecutionItem, 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>;

export function checkExecutionName(name: string): void {
  if (!EXECUTION_LIMITS.name.test(name)) {
    throw new BadRequest(`workflow execution name must be 1–80 letters, digits, '-' or '_', got ${JSON.stringify(name.slice(0, 100))}`);
  }
}

/** The input as stored and sent: a JSON object of at most EXECUTION_LIMITS.inputBytes. */
export function checkExecutionInput(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadRequest('workflow input must be a JSON object');
  const bytes = Buffer.byteLength(JSON.stringify(input), 'utf8');
  if (bytes > EXECUTION_LIMITS.inputBytes) {
    throw new BadRequest(
      `workflow input is ${Math.ceil(bytes / 1024)} KB, over the ${EXECUTION_LIMITS.inputBytes / 1024} KB an execution input may carry: pass ids, not documents`,
    );
  }
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/** `{ serviceId: 's-1', environmentId: 'e-2' }` → `environmentId=e-2,serviceId=s-1` (keys sorted). */
export function subjectKey(subject: Record<string, string>): string {
  const entries = Object.entries(subject).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) throw new BadRequest('workflow subject must name at least one id');
  if (entries.length > EXECUTION_LIMITS.subjectEntries) throw new BadRequest(`workflow subject may name at most ${EXECUTION_LIMITS.subjectEntries} ids`);
  for (const [k, v] of entries) {
    if (!EXECUTION_LIMITS.subjectKey.test(k)) throw new BadRequest(`workflow subject key ${JSON.stringify(k.slice(0, 80))} must be an identifier`);
    if (typeof v !== 'string' || !EXECUTION_LIMITS.subjectValue.test(v)) throw new BadRequest(`workflow subject.${k} must be an id (1–128 of [A-Za-z0-9._:-])`);
  }
  return entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** Text cut to `max` characters (never inside a surrogate pair), marked when cut. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/** A value as a bounded JSON summary (what a step's record shows of its result). */
export function summarize(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value ?? null) ?? 'null';
  } catch {
    text = String(value);
  }
  return bounded(text, EXECUTION_LIMITS.summaryChars);
}

/**
 * The human cause of a failure. A Lambda error's Cause in AWS is the runtime's JSON
 * (`{"errorType","errorMessage","trace"}`); locally it is the message itself. Both give the message.
 */
export function causeMessage(cause: unknown): string {
  if (typeof cause !== 'string') return cause === undefined || cause === null ? '' : summarize(cause);
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (parsed && typeof parsed === 'object' && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return cause;
}

export function newExecution(input: {
  workflow: string;
  executionName: string;
  orgId: string;
  subject: Record<string, string>;
  input: unknown;
  at: string;
}): Omit<Record_, 'pk' | 'sk' | 'version' | 'createdAt' | 'updatedAt'> {
  checkExecutionName(input.executionName);
  return {
    entity: 'workflowExecution',
    workflow: input.workflow,
    executionName: input.executionName,
    orgId: input.orgId,
    subject: { ...input.subject },
    subjectKey: subjectKey(input.subject),
    input: checkExecutionInput(input.input),
    status: 'RUNNING',
    steps: [],
    startedAt: input.at,
  };
}

function withStep<T extends Record_>(exec: T, state: string, change: (step: StepRecord | undefined) => StepRecord): T {
  const i = exec.steps.findIndex((s) => s.state === state);
  const steps = [...exec.steps];
  if (i >= 0) steps[i] = change(steps[i]);
  else if (steps.length < EXECUTION_LIMITS.steps) steps.push(change(undefined));
  return { ...exec, steps };
}

/** A Task state started (again): its entry is RUNNING with one more attempt; it is the current step. */
export function stepStarted<T extends Record_>(exec: T, state: string, at: string): T {
  const next = withStep(exec, state, (s) => ({ state, status: 'RUNNING', attempts: (s?.attempts ?? 0) + 1, startedAt: at }));
  return { ...next, currentStep: state };
}

export function stepSucceeded<T extends Record_>(exec: T, state: string, output: unknown, at: string): T {
  return withStep(exec, state, (s) => ({
    state,
    attempts: s?.attempts ?? 1,
    startedAt: s?.startedAt ?? at,
    status: 'SUCCEEDED',
    endedAt: at,
    output: summarize(output),
  }));
}

export function stepFailed<T extends Record_>(exec: T, state: string, error: { name: string; message: string }, at: string): T {
  return withStep(exec, state, (s) => ({
    state,
    attempts: s?.attempts ?? 1,
    startedAt: s?.startedAt ?? at,
    status: 'FAILED',
    endedAt: at,
    error: bounded(error.name, EXECUTION_LIMITS.errorChars),
    cause: bounded(error.message, EXECUTION_LIMITS.causeChars),
  }));
}

export type ExecutionOutcome =
  | { status: 'SUCCEEDED'; output?: unknown; at: string }
  | { status: 'FAILED'; error: string; cause?: unknown; at: string };

/** The end of the run; an execution ends once (a second report changes nothing: `undefined`). */
export function executionEnded<T extends Record_>(exec: T, outcome: ExecutionOutcome): T | undefined {
  if (exec.status !== 'RUNNING') return undefined;
  if (outcome.status === 'SUCCEEDED') return { ...exec, status: 'SUCCEEDED', stoppedAt: outcome.at, output: summarize(outcome.output) };
  return {
    ...exec,
    status: 'FAILED',
    stoppedAt: outcome.at,
    error: bounded(outcome.error || 'States.Failed', EXECUTION_LIMITS.errorChars),
    cause: bounded(causeMessage(outcome.cause), EXECUTION_LIMITS.causeChars),
  };
}
