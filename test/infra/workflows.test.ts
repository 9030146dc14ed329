/**
 * The workflow stack, synthesized from the fixture catalog (the real one is empty until its first workflow;
 * once it has one, cloud.test.ts synthesizes it as `npm run synth` does): one STANDARD machine per workflow
 * from its own ASL file, every placeholder substituted with its task's function, least privilege for the
 * machine, the tasks and the API function that starts it, execution ends routed to the status function, no
 * cdk-nag finding. The bundles: the local runner and the ASL validator are in none, and a bundled task runs
 * on its own against the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Template } from 'aws-cdk-lib/assertions';
import { operations } from '#functions/registry.ts';
import { defineOperation, type OperationDefinition } from '#shared/registry/operation.ts';
import { placeholderOf } from '#shared/registry/task.ts';
import { bundleFunctions, type BundleResult } from '#infra/bundle.ts';
import { loadWorkflows, taskStates, type LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { DEFAULT_TASK_TIMEOUT_SECONDS, EXECUTION_STATUS_CODE_KEY, taskCodeKey } from '#infra/workflow-stack.ts';
import { functionStackId } from '#infra/stack-layout.ts';
import { TABLE_WRITE_ACTIONS } from '#infra/function-access.ts';
import { workflowArnVariable } from '#shared/config.ts';
import { registerWorkflowStarter, startWorkflow } from '#shared/workflows/start.ts';
import { findExecution } from '#shared/data/entities/workflow-execution.ts';
import { FIXTURE_WORKFLOW, fixtureWorkflows } from '../fixtures/workflows/index.ts';
import { synthesize, type Synthesized } from './synth.ts';

const starter = defineOperation({
  operationId: 'StartEngineFixture',
  group: 'service-api',
  method: 'POST',
  path: '/2022-09-01-00/engine-fixture/{id}',
  access: 'write',
  summary: 'test only: an operation that starts the fixture workflow',
  params: z.object({ id: z.string() }),
  permissions: ['table:write'],
  workflows: [FIXTURE_WORKFLOW],
  run: async () => undefined,
});
const ops: OperationDefinition[] = [...operations.filter((o) => o.group === 'service-api').slice(0, 2), starter as OperationDefinition];

let work: string;
let loaded: LoadedWorkflow[];
let bundle: BundleResult;
let synth: Synthesized;
let wf: Template;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'omnistrate-wf-cdk-'));
  loaded = await loadWorkflows(fixtureWorkflows);
  bundle = await bundleFunctions(ops.slice(0, 2), { outdir: join(work, 'functions'), workflows: loaded });
  synth = synthesize({
    operations: ops,
    workflows: loaded,
    workflowCodeDirs: new Map([
      ...bundle.tasks.map((t) => [taskCodeKey(t.workflow, t.state), t.dir] as const),
      [EXECUTION_STATUS_CODE_KEY, bundle.executionStatus!.dir] as const,
    ]),
    work,
  });
  wf = synth.templates.get('OmnistrateWorkflows')!;
}, 120_000);

afterAll(() => {
  registerWorkflowStarter(undefined);
  if (work) rmSync(work, { recursive: true, force: true });
});

const resources = (t: Template, type: string) => Object.entries(t.findResources(type)) as [string, any][];
const fnOfDescription = (prefix: string) => resources(wf, 'AWS::Lambda::Function').find(([, f]) => String(f.Properties.Description).startsWith(prefix));
const statementsOfRole = (t: Template, roleId: string) =>
  resources(t, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);

describe('the workflow stack', () => {
  it('synthesizes with no cdk-nag or CloudFormation Validate finding', () => {
    expect(synth.findings()).toEqual([]);
  });

  it('has one STANDARD machine per workflow, named with the prefix, logging ALL to its own group, traced', () => {
    const machines = resources(wf, 'AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(loaded.length);
    const [, m] = machines[0];
    expect(m.Properties).toMatchObject({
      StateMachineName: `omnistrate-${FIXTURE_WORKFLOW}`,
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    expect(m.Properties.DefinitionS3Location).toBeDefined();
    const groupId = m.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];
    expect(wf.toJSON().Resources[groupId].Properties.LogGroupName).toBe(`/aws/vendedlogs/states/omnistrate-${FIXTURE_WORKFLOW}`);
  });

  it("substitutes every placeholder of the file with its task's function, and nothing else", () => {
    const [, m] = resources(wf, 'AWS::StepFunctions::StateMachine')[0];
    const subs = m.Properties.DefinitionSubstitutions as Record<string, any>;
    const states = [...taskStates(loaded[0].definition).keys()];
    expect(Object.keys(subs).sort()).toEqual(states.map(placeholderOf).sort());
    for (const state of states) {
      const [fnId] = fnOfDescription(`${FIXTURE_WORKFLOW}/${state}:`)!;
      expect(subs[placeholderOf(state)], state).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
  });

  it('lets the machine invoke exactly its task functions', () => {
    const [, m] = resources(wf, 'AWS::StepFunctions::StateMachine')[0];
    const invoke = statementsOfRole(wf, m.Properties.RoleArn['Fn::GetAtt'][0]).filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    const fnIds = loaded[0].tasks.map((t) => fnOfDescription(`${FIXTURE_WORKFLOW}/${t.state}:`)![0]);
    expect([invoke[0].Resource].flat()).toEqual(fnIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })));
  });

  it('runs each task as operations run (arm64, tracing, own logs) with its timeout, the table and nothing more', () => {
    for (const t of loaded[0].tasks) {
      const [, fn] = fnOfDescription(`${FIXTURE_WORKFLOW}/${t.state}:`)!;
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(fn.Properties.Timeout, t.state).toBe(t.task.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      const actions = new Set(statementsOfRole(wf, fn.Properties.Role['Fn::GetAtt'][0]).flatMap((s) => [s.Action].flat()));
      for (const a of TABLE_WRITE_ACTIONS) expect(actions.has(a), `${t.state} ${a}`).toBe(true);
      expect(actions.has('secretsmanager:GetSecretValue'), t.state).toBe(false);
      expect(actions.has('states:StartExecution'), t.state).toBe(false);
    }
  });

  it('routes the execution ends of its machines to the execution-status function', () => {
    const [, rule] = resources(wf, 'AWS::Events::Rule')[0];
    expect(rule.Properties.EventPattern).toMatchObject({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    const [machineId] = resources(wf, 'AWS::StepFunctions::StateMachine')[0];
    expect(rule.Properties.EventPattern.detail.stateMachineArn).toEqual([{ Ref: machineId }]);
    const [statusId] = fnOfDescription(`${EXECUTION_STATUS_CODE_KEY}:`)!;
    expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [statusId, 'Arn'] });
  });
});

describe('an operation that declares the workflow', () => {
  it('may start exactly that machine, whose ARN it finds in its environment; the others start none', () => {
    const t = synth.templates.get(functionStackId(starter))!;
    const fns = resources(t, 'AWS::Lambda::Function');
    const arnOf = (fn: any) => JSON.stringify(fn.Properties.Environment.Variables[workflowArnVariable(FIXTURE_WORKFLOW)] ?? null);
    for (const [, fn] of fns) {
      const starts = statementsOfRole(t, fn.Properties.Role['Fn::GetAtt'][0]).filter((s) => [s.Action].flat().includes('states:StartExecution'));
      if (String(fn.Properties.Description).startsWith('service-api#StartEngineFixture:')) {
        expect(starts).toHaveLength(1);
        expect(JSON.stringify(starts[0].Resource)).toContain(`:stateMachine:omnistrate-${FIXTURE_WORKFLOW}`);
        expect(JSON.stringify(starts[0].Resource)).not.toContain('*');
        expect(arnOf(fn)).toBe(JSON.stringify(starts[0].Resource));
      } else {
        expect(starts).toEqual([]);
        expect(arnOf(fn)).toBe('null');
      }
    }
  });

  it('names only workflows of the catalog (synth refuses another)', () => {
    const stray = { ...starter, operationId: 'StartStray', path: '/2022-09-01-00/stray', workflows: ['no-such-workflow'] } as OperationDefinition;
    expect(() => synthesize({ operations: [stray], workflows: loaded, work: join(work, 'stray') })).toThrow(
      'StartStray declares workflow no-such-workflow, which is not in the catalog',
    );
  });
});

describe('workflow bundles', () => {
  it('hold neither the local runner nor the ASL validator', () => {
    const offending = Object.entries(bundle.metafile.outputs).flatMap(([out, o]) =>
      Object.keys(o.inputs)
        .filter((i) => /node_modules\/(aws-local-stepfunctions|asl-validator)\//.test(i))
        .map((i) => `${out} ← ${i}`),
    );
    expect(offending).toEqual([]);
    expect(bundle.tasks.map((t) => t.state).sort()).toEqual(loaded[0].tasks.map((t) => t.state).sort());
  });

  it('run on their own: a bundled task records its step on the execution record', async () => {
    registerWorkflowStarter(async () => undefined);
    const name = `b-${randomBytes(8).toString('hex')}`;
    await startWorkflow(FIXTURE_WORKFLOW, { orgId: 'o-bundle', executionName: name, subject: { serviceId: 's-1' }, input: { serviceId: 's-1' } });
    const prepare = bundle.tasks.find((t) => t.state === 'PrepareFixture')!;
    const { handler } = await import(join(prepare.dir, 'index.mjs'));
    const out = await handler({ execution: name, input: { serviceId: 's-1' } }, { awsRequestId: 'r', functionName: 'f', getRemainingTimeInMillis: () => 60_000 });
    expect(out).toEqual({ prepared: 's-1', attempt: 1 });
    expect((await findExecution(name))?.steps).toMatchObject([{ state: 'PrepareFixture', status: 'SUCCEEDED', attempts: 1 }]);
    await expect(handler({ input: {} })).rejects.toThrow(/must pass "execution\.\$": "\$\$\.Execution\.Name"/);
  });
});
