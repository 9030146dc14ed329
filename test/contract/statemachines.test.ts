/**
 * Every workflow follows the engine's rules (infra/workflow-catalog.ts `definitionProblems`/`inspectWorkflow`):
 * valid ASL, every `${<State>FunctionArn}` a Task state with its module (exporting `task` and `handler`),
 * every module used, Parameters passing the execution name, Retry on Lambda's transient errors, every Catch
 * into a `Record…Failure` task that ends in a Fail state. Checked for the real catalog (functions/workflows/
 * index.ts; it checks each real workflow as soon as it is listed) and for the engine's fixture catalog, and
 * the local runner's map is the same resolution. The synthesized side: test/infra/workflows.test.ts.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows/index.ts';
import { operations } from '#functions/registry.ts';
import { definitionFile, placeholderOf, type WorkflowCatalog } from '#shared/registry/task.ts';
import { definitionProblems, inspectWorkflow, loadWorkflows, taskStates, type AslDefinition } from '#infra/workflow-catalog.ts';
import { createLocalRunner } from '#infra/local/sfn-runner.ts';
import { driverFixtureWorkflows, fixtureWorkflows } from '../fixtures/workflows/index.ts';

const root = resolve(import.meta.dirname, '../..');

const catalogs: [string, WorkflowCatalog][] = [
  ['the real catalog', workflows],
  ['the fixture catalog', fixtureWorkflows],
  ['the driver fixture catalog', driverFixtureWorkflows],
];

describe.each(catalogs)('%s', (_, catalog) => {
  it('has workflows that all follow the rules (no problem listed)', async () => {
    const problems = (await Promise.all(catalog.map(inspectWorkflow))).flatMap((r) => r.problems);
    expect(problems).toEqual([]);
  });

  it("gives the local runner exactly each file's placeholders and Task states", async () => {
    const loaded = await loadWorkflows(catalog);
    const runner = createLocalRunner({ workflows: loaded });
    for (const wf of loaded) {
      const states = [...taskStates(wf.definition).keys()].sort();
      const { substitutions, handlers } = runner.resources(wf.name);
      expect(Object.keys(substitutions).sort(), wf.name).toEqual(states.map(placeholderOf).sort());
      expect(handlers.sort(), wf.name).toEqual(states);
      expect(wf.tasks.map((t) => t.state).sort(), wf.name).toEqual(states);
    }
  });
});

describe('the real catalog', () => {
  it('lists every statemachines/*.asl.json, and nothing else lives there', () => {
    const files = readdirSync(join(root, 'statemachines')).filter((f) => f !== 'README.md');
    expect(files.filter((f) => !f.endsWith('.asl.json'))).toEqual([]);
    expect(files.map((f) => `statemachines/${f}`).sort()).toEqual(workflows.map(definitionFile).sort());
  });

  it("names every workflow an operation declares in its registry entry's workflows", () => {
    const names = new Set(workflows.map((w) => w.name));
    const unknown = operations.flatMap((op) => (op.workflows ?? []).filter((w) => !names.has(w)).map((w) => `${op.operationId} → ${w}`));
    expect(unknown).toEqual([]);
  });
});

// ------------------------------------------------------------------------ the rules catch what they say

const retry = [{ ErrorEquals: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'], MaxAttempts: 3 }];
const params = { 'execution.$': '$$.Execution.Name', 'input.$': '$' };
const task = (name: string, more: object = {}) => ({
  Type: 'Task',
  Resource: `\${${placeholderOf(name)}}`,
  Parameters: params,
  Retry: retry,
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordThingFailure' }],
  Next: 'Done',
  ...more,
});
const good = (): AslDefinition => ({
  StartAt: 'DoThing',
  States: {
    DoThing: task('DoThing'),
    Done: { Type: 'Succeed' },
    RecordThingFailure: { ...task('RecordThingFailure'), Catch: undefined, Next: 'Failed' },
    Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
  } as never,
});
const broken = (change: (d: AslDefinition) => void) => {
  const d = JSON.parse(JSON.stringify(good())) as AslDefinition;
  change(d);
  return definitionProblems('canary', d).join('\n');
};

describe('definitionProblems', () => {
  it('finds nothing wrong with a workflow that follows the rules', () => {
    expect(definitionProblems('canary', good())).toEqual([]);
  });

  it('finds each broken rule', () => {
    expect(broken((d) => (d.States.DoThing.Resource = '${OtherThingFunctionArn}'))).toMatch(/must be \$\{DoThingFunctionArn\}/);
    expect(broken((d) => (d.States.DoThing.Resource = 'arn:aws:lambda:us-east-1:123456789012:function:x'))).toMatch(/not a task of this project/);
    expect(broken((d) => (d.States.Done = { Type: 'Pass', Result: '${Stray}', End: true }))).toMatch(/\$\{Stray\} is not of the form/);
    expect(broken((d) => (d.States.DoThing.Parameters = { 'input.$': '$' }))).toMatch(/must pass "execution\.\$": "\$\$\.Execution\.Name"/);
    expect(broken((d) => (d.States.DoThing.Parameters = { 'execution.$': '$$.Execution.Name' }))).toMatch(/must pass the task's "input"/);
    expect(broken((d) => delete d.States.DoThing.Retry)).toMatch(/Retry must cover Lambda\.TooManyRequestsException, Lambda\.ServiceException/);
    expect(broken((d) => delete d.States.DoThing.Catch)).toMatch(/Catch must cover States\.ALL/);
    expect(broken((d) => (d.States.DoThing.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'Done' }]))).toMatch(/Catch leads to Done, not to a Record…Failure/);
    expect(broken((d) => (d.States.RecordThingFailure.Next = 'Done'))).toMatch(/a failure recorder leads to a Fail state/);
    expect(
      broken((d) => (d.States.RecordThingFailure.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'RecordThingFailure' }])),
    ).toMatch(/a failure recorder has no Catch/);
    expect(broken((d) => (d.States.DoThing.Next = 'Nowhere'))).toMatch(/invalid ASL/);
  });
});

describe('inspectWorkflow', () => {
  const dir = join(root, 'test', `.workflow-canary-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a Task state without its module, a module without its state, and a task declared for another state', async () => {
    mkdirSync(join(dir, 'tasks'), { recursive: true });
    const definition = good();
    writeFileSync(join(dir, 'canary.asl.json'), JSON.stringify(definition));
    writeFileSync(join(dir, 'tasks', 'stray-thing.ts'), 'export const task = {};\n');
    writeFileSync(
      join(dir, 'tasks', 'record-thing-failure.ts'),
      "export const task = { workflow: 'canary', state: 'DoThing' };\nexport const handler = () => null;\n",
    );
    const rel = relative(root, dir);
    const { problems, loaded } = await inspectWorkflow({ name: 'canary', definition: `${rel}/canary.asl.json`, tasksDir: `${rel}/tasks` });
    expect(loaded).toBeUndefined();
    expect(problems).toEqual([
      `canary: state DoThing has no task module ${rel}/tasks/do-thing.ts`,
      `canary: ${rel}/tasks/record-thing-failure.ts must export task = defineTask({ workflow: 'canary', state: 'RecordThingFailure', … })`,
      `canary: ${rel}/tasks/stray-thing.ts is not the module of any Task state`,
    ]);
    await expect(loadWorkflows([{ name: 'canary', definition: `${rel}/canary.asl.json`, tasksDir: `${rel}/tasks` }])).rejects.toThrow(
      /workflow catalog has problems/,
    );
  });
});
