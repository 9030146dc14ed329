/**
 * Loads a workflow catalog (functions/workflows/index.ts, or a test fixture's) into what the CDK app and the
 * local runner build from: each workflow's ASL definition (placeholders intact) and, for every Task state,
 * its module by convention (`<tasksDir>/<state-kebab>.ts`, exporting `task` and `handler`).
 *
 * `workflowProblems` is the one list of rules a workflow must follow; loading refuses a workflow that breaks
 * any, and test/contract/statemachines.test.ts shows them for every catalog (real and fixture):
 * - the definition is valid ASL (asl-validator, with the placeholders substituted by well-formed ARNs);
 * - every `${…}` is a Task state's Resource, exactly `${<StateName>FunctionArn}`, and every such state has
 *   its module, whose task names this workflow and state, and a `handler`; no module in the folder is unused;
 * - every Task state passes `"execution.$": "$$.Execution.Name"` and its `input` in Parameters, retries
 *   Lambda's throttling and service errors, and (except the failure recorders) catches `States.ALL` — a Task
 *   inside a Map or Parallel may instead leave its errors to the enclosing top-level state, which must catch;
 * - every Catch leads to a `Record…Failure` Task state, which has no Catch of its own and leads to a Fail state;
 * - at most EXECUTION_LIMITS.steps Task states (the execution record keeps one entry per Task state).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import aslValidator from 'asl-validator';
import {
  definitionFile,
  FAILURE_STATE,
  placeholderOf,
  stateOfPlaceholder,
  TASK_PARAMETERS,
  taskModuleFile,
  tasksDir,
  type AnyTask,
  type WorkflowCatalog,
  type WorkflowEntry,
} from '#shared/registry/task.ts';
import type { TaskHandler } from '#shared/workflows/task-handler.ts';
import { EXECUTION_LIMITS } from '#shared/domain/workflow-execution.ts';

/** The project root (as infra/bundle.ts has it; not imported from there, which loads esbuild). */
const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** An ASL state, as far as the checks look into it. */
export interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Branches?: AslDefinition[];
  ItemProcessor?: AslDefinition;
  Iterator?: AslDefinition;
  Seconds?: number;
  [other: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [other: string]: unknown;
}

export interface LoadedTask {
  state: string;
  /** Project-relative module file. */
  file: string;
  task: AnyTask;
  handler: TaskHandler;
}

export interface LoadedWorkflow {
  name: string;
  entry: WorkflowEntry;
  /** Absolute path of the ASL file. */
  definitionFile: string;
  /** As written: Task resources are `${<State>FunctionArn}`. */
  definition: AslDefinition;
  tasks: LoadedTask[];
}

/** Errors Lambda itself raises on an invoke (throttling, service trouble): every Task retries these. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'] as const;

/** Every state of a definition, nested ones (Parallel branches, Map processors) included, with its scope. */
export function* allStates(def: AslDefinition): Generator<{ name: string; state: AslState; scope: AslDefinition }> {
  for (const [name, state] of Object.entries(def.States ?? {})) {
    yield { name, state, scope: def };
    for (const branch of state.Branches ?? []) yield* allStates(branch);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) yield* allStates(processor);
  }
}

/** Every `${…}` text in the definition. */
function placeholders(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(/\$\{[^}]*\}/g)) out.add(m[0]);
  else if (Array.isArray(value)) value.forEach((v) => placeholders(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, out));
  return out;
}

/** The definition with every `${<State>FunctionArn}` replaced by `arnOf(state)` (what CDK's substitutions do). */
export function substitute(def: AslDefinition, arnOf: (state: string) => string): AslDefinition {
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const state = stateOfPlaceholder(value);
      return state ? arnOf(state) : value;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return replace(def) as AslDefinition;
}

/** A well-formed Lambda ARN standing in for a task's function (validation, the local runner). */
export function localTaskArn(workflow: string, state: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${`${workflow}-${state}`.slice(0, 64)}`;
}

/** Task states whose Resource is a placeholder: state name → the state. */
export function taskStates(def: AslDefinition): Map<string, AslState> {
  const out = new Map<string, AslState>();
  for (const { name, state } of allStates(def)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string' && stateOfPlaceholder(state.Resource)) out.set(name, state);
  }
  return out;
}

/** The rules of the file itself (no modules involved): one line per problem, empty when it follows them. */
export function definitionProblems(workflow: string, def: AslDefinition): string[] {
  const problems: string[] = [];
  const at = (name: string) => `${workflow}: state ${name}`;
  if (!def || typeof def !== 'object' || typeof def.StartAt !== 'string' || !def.States) return [`${workflow}: not an ASL definition`];
  const validation = aslValidator(substitute(def, (s) => localTaskArn(workflow, s)) as never, { checkArn: true, checkPaths: true });
  if (!validation.isValid) problems.push(`${workflow}: invalid ASL: ${validation.errorsText('; ')}`);
  if (def.QueryLanguage !== undefined && def.QueryLanguage !== 'JSONPath') problems.push(`${workflow}: QueryLanguage must be JSONPath`);

  const tasks = taskStates(def);
  for (const p of placeholders(def)) {
    const state = stateOfPlaceholder(p);
    if (!state) problems.push(`${workflow}: ${p} is not of the form \${<State>FunctionArn}`);
    else if (!tasks.has(state)) problems.push(`${workflow}: ${p} is not the Resource of a Task state named ${state}`);
  }
  if (tasks.size > EXECUTION_LIMITS.steps) problems.push(`${workflow}: ${tasks.size} Task states, over the ${EXECUTION_LIMITS.steps} an execution records`);

  for (const { name, state, scope } of allStates(def)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      const named = stateOfPlaceholder(state.Resource);
      if (named !== undefined && named !== name) problems.push(`${at(name)}: its Resource must be \${${placeholderOf(name)}}, not ${state.Resource}`);
      if (named === undefined) problems.push(`${at(name)}: Resource ${state.Resource} is not a task of this project (\${${placeholderOf(name)}})`);
      const params = state.Parameters ?? {};
      if (params['execution.$'] !== TASK_PARAMETERS.execution) {
        problems.push(`${at(name)}: Parameters must pass "execution.$": "${TASK_PARAMETERS.execution}"`);
      }
      if (!('input' in params) && !('input.$' in params)) problems.push(`${at(name)}: Parameters must pass the task's "input" (e.g. "input.$": "$")`);
      const retries = new Set((state.Retry ?? []).flatMap((r) => r.ErrorEquals));
      const missing = LAMBDA_TRANSIENT_ERRORS.filter((e) => !retries.has(e));
      if (missing.length) problems.push(`${at(name)}: Retry must cover ${missing.join(', ')}`);
      const recorder = FAILURE_STATE.test(name);
      if (recorder) {
        if (state.Catch?.length) problems.push(`${at(name)}: a failure recorder has no Catch (it would loop)`);
        const next = state.Next ? scope.States[state.Next] : undefined;
        if (next?.Type !== 'Fail') problems.push(`${at(name)}: a failure recorder leads to a Fail state`);
      } else if (scope === def && !(state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'))) {
        problems.push(`${at(name)}: Catch must cover States.ALL (to a Record…Failure state)`);
      }
    }
    // A Task inside a Map's processor or a Parallel branch may leave its errors to the enclosing state, which
    // fails as a whole: so a top-level Map or Parallel catches States.ALL like a top-level Task.
    if ((state.Type === 'Map' || state.Type === 'Parallel') && scope === def && !(state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'))) {
      problems.push(`${at(name)}: Catch must cover States.ALL (to a Record…Failure state): its inner states' errors end up here`);
    }
    for (const c of state.Catch ?? []) {
      const target = scope.States[c.Next];
      if (!FAILURE_STATE.test(c.Next) || target?.Type !== 'Task') problems.push(`${at(name)}: Catch leads to ${c.Next}, not to a Record…Failure Task state`);
    }
  }
  return problems;
}

interface TaskModule {
  task?: AnyTask;
  handler?: unknown;
}

async function importModule(file: string): Promise<TaskModule> {
  return (await import(pathToFileURL(join(PROJECT_ROOT, file)).href)) as TaskModule;
}

/** Reads and checks one workflow; `loaded` is set only when there is no problem. */
export async function inspectWorkflow(entry: WorkflowEntry): Promise<{ problems: string[]; loaded?: LoadedWorkflow }> {
  const file = join(PROJECT_ROOT, definitionFile(entry));
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(entry.name)) return { problems: [`workflow name ${entry.name} must be kebab-case, at most 40 characters`] };
  if (!existsSync(file)) return { problems: [`${entry.name}: ${definitionFile(entry)} does not exist`] };
  let definition: AslDefinition;
  try {
    definition = JSON.parse(readFileSync(file, 'utf8')) as AslDefinition;
  } catch (e) {
    return { problems: [`${entry.name}: ${definitionFile(entry)} is not JSON: ${(e as Error).message}`] };
  }
  const problems = definitionProblems(entry.name, definition);
  const tasks: LoadedTask[] = [];
  const used = new Set<string>();
  for (const state of taskStates(definition).keys()) {
    const moduleFile = taskModuleFile(entry, state);
    used.add(moduleFile);
    if (!existsSync(join(PROJECT_ROOT, moduleFile))) {
      problems.push(`${entry.name}: state ${state} has no task module ${moduleFile}`);
      continue;
    }
    const mod = await importModule(moduleFile);
    if (!mod.task || mod.task.workflow !== entry.name || mod.task.state !== state) {
      problems.push(`${entry.name}: ${moduleFile} must export task = defineTask({ workflow: '${entry.name}', state: '${state}', … })`);
      continue;
    }
    if (typeof mod.handler !== 'function') {
      problems.push(`${entry.name}: ${moduleFile} must export handler = taskHandler(task)`);
      continue;
    }
    tasks.push({ state, file: moduleFile, task: mod.task, handler: mod.handler as TaskHandler });
  }
  const dir = join(PROJECT_ROOT, tasksDir(entry));
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const moduleFile = `${tasksDir(entry)}/${name}`;
      if (!used.has(moduleFile)) problems.push(`${entry.name}: ${moduleFile} is not the module of any Task state`);
    }
  }
  if (problems.length) return { problems };
  return { problems, loaded: { name: entry.name, entry, definitionFile: file, definition, tasks } };
}

/** Every workflow of the catalog, checked; throws listing every problem of every workflow. */
export async function loadWorkflows(catalog: WorkflowCatalog): Promise<LoadedWorkflow[]> {
  const names = new Set<string>();
  const problems: string[] = [];
  const loaded: LoadedWorkflow[] = [];
  for (const entry of catalog) {
    if (names.has(entry.name)) problems.push(`workflow ${entry.name} is in the catalog twice`);
    names.add(entry.name);
    const result = await inspectWorkflow(entry);
    problems.push(...result.problems);
    if (result.loaded) loaded.push(result.loaded);
  }
  if (problems.length) throw new Error(`workflow catalog has problems:\n  ${problems.join('\n  ')}`);
  return loaded;
}
