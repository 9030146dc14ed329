/**
 * The workflows in the cloud: for each catalog workflow one STANDARD state machine built from its ASL file
 * (`DefinitionBody.fromFile`, each `${<State>FunctionArn}` substituted with that task's function ARN), named
 * `<workflowNamePrefix><workflow>` so the API functions can be granted it by a formatted ARN (no reference,
 * no cycle between stacks), logging ALL events with execution data to its own log group, traced with X-Ray.
 *
 * One function per Task state, built as operations are (infra/operation-function.ts `ownedFunction`: own role,
 * own log group, tracing), with the task's timeout and least-privilege IAM: the table (read, and write for the
 * execution record the task factory keeps) plus what the task declares; no signing keys, no other machine. A
 * machine's role may invoke exactly its own task functions.
 *
 * The execution-status function (functions/workflows/record-execution-status.ts) receives Step Functions'
 * "Execution Status Change" events for these machines (EventBridge) and ends each execution's record.
 *
 * Built only when the catalog has a workflow: CloudFormation refuses a stack without resources.
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { placeholderOf } from '#shared/registry/task.ts';
import type { LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { ownedFunction } from '#infra/operation-function.ts';
import { baseEnvironment, dataResourcesOf, functionAccess, pascalCase as pascal, stateMachineArn, stateMachineName } from '#infra/function-access.ts';
import { workflowArnVariable } from '#shared/config.ts';
import type { DataStack } from '#infra/data-stack.ts';
import type { DeploymentSettings } from '#infra/settings.ts';

/** Key of a task's bundle directory in `codeDirs`: `<workflow>/<State>`. */
export const taskCodeKey = (workflow: string, state: string) => `${workflow}/${state}`;
/** Key of the execution-status function's bundle directory in `codeDirs`. */
export const EXECUTION_STATUS_CODE_KEY = 'record-execution-status';

/** A task's function timeout when its declaration gives none. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 60;

export interface WorkflowStackProps extends StackProps {
  workflows: readonly LoadedWorkflow[];
  /** taskCodeKey(workflow, state) → bundle dir; EXECUTION_STATUS_CODE_KEY → the status function's. */
  codeDirs: ReadonlyMap<string, string>;
  data: DataStack;
  settings: DeploymentSettings;
}


export class WorkflowStack extends Stack {
  readonly machines = new Map<string, sfn.StateMachine>();
  /** taskCodeKey(workflow, state) → its function. */
  readonly taskFunctions = new Map<string, lambda.Function>();
  readonly executionStatus: lambda.Function;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const data = props.data.imports;
    this.addStackDependency(props.data, 'imports the table');
    const dataResources = dataResourcesOf(data, settings);
    const environment = baseEnvironment(data, settings);
    const logRetention = settings.logRetentionDays as logs.RetentionDays;
    const codeDir = (key: string) => {
      const dir = props.codeDirs.get(key);
      if (!dir) throw new Error(`no bundle for ${key}`);
      return dir;
    };

    for (const wf of props.workflows) {
      const name = stateMachineName(wf.name, settings.workflowNamePrefix);
      if (name.length > 80) throw new Error(`state machine name ${name} is over 80 characters`);
      const substitutions: Record<string, string> = {};
      const functionArns: string[] = [];
      for (const t of wf.tasks) {
        const key = taskCodeKey(wf.name, t.state);
        const holder = new Construct(this, `${pascal(wf.name)}${t.state}`);
        const timeout = t.task.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS;
        if (timeout < 1 || timeout > 900) throw new Error(`${key}: timeoutSeconds must be 1–900`);
        // A task acting through an operation's use case that starts workflows (the orchestration's steps create
        // instances) declares them: StartExecution on exactly those machines, their ARNs in its environment.
        const starts = t.task.workflows ?? [];
        for (const w of starts) {
          if (!props.workflows.some((x) => x.name === w)) throw new Error(`${key} declares workflow ${w}, which is not in the catalog`);
        }
        const fn = ownedFunction(holder, {
          description: `${key}: task of ${name}`,
          codeDir: codeDir(key),
          // The task factory writes every step on the execution record: table write is implied.
          access: functionAccess(holder, { permissions: [...new Set([...(t.task.permissions ?? []), 'table:write' as const])], ...(starts.length ? { workflows: [...starts] } : {}) }, dataResources, {
            signingKeys: false,
          }),
          environment: { ...environment, ...Object.fromEntries(starts.map((w) => [workflowArnVariable(w), stateMachineArn(this, w, settings.workflowNamePrefix)])) },
          memorySize: settings.memorySize,
          logRetention,
          timeout: Duration.seconds(timeout),
        });
        this.taskFunctions.set(key, fn);
        substitutions[placeholderOf(t.state)] = fn.functionArn;
        functionArns.push(fn.functionArn);
      }
      const logGroup = new logs.LogGroup(this, `${pascal(wf.name)}Logs`, {
        // Step Functions' vended-logs prefix: no per-group resource policy to outgrow.
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const machine = new sfn.StateMachine(this, `${pascal(wf.name)}Machine`, {
        stateMachineName: name,
        stateMachineType: sfn.StateMachineType.STANDARD,
        definitionBody: sfn.DefinitionBody.fromFile(wf.definitionFile),
        definitionSubstitutions: substitutions,
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      machine.addToRolePolicy(new iam.PolicyStatement({ sid: 'InvokeTasks', actions: ['lambda:InvokeFunction'], resources: functionArns }));
      this.machines.set(wf.name, machine);
    }

    const statusHolder = new Construct(this, 'ExecutionStatus');
    this.executionStatus = ownedFunction(statusHolder, {
      description: `${EXECUTION_STATUS_CODE_KEY}: ends the execution records of this deployment's workflows`,
      codeDir: codeDir(EXECUTION_STATUS_CODE_KEY),
      access: functionAccess(statusHolder, { permissions: ['table:write'] }, dataResources, { signingKeys: false }),
      environment,
      memorySize: settings.memorySize,
      logRetention,
    });
    new events.Rule(this, 'ExecutionStatusChanges', {
      description: 'Step Functions execution ends of this deployment → their execution records',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'],
          stateMachineArn: [...this.machines.values()].map((m) => m.stateMachineArn),
        },
      },
      targets: [new targets.LambdaFunction(this.executionStatus, { retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords and the CloudWatch Logs delivery actions Step Functions needs ' +
        'for logging support no resource-level permissions.',
    });
  }
}
