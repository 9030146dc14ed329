/**
 * The jobs in the cloud (docs/decisions/007): for each catalog job one function, built as operations and
 * tasks are (infra/operation-function.ts `ownedFunction`: own role, own log group, tracing), with the job's
 * timeout and least-privilege IAM (the table read, what the job declares, `states:StartExecution` on exactly
 * the machines it names, formatted by name: no reference to the workflow stack), and one EventBridge rule
 * with the job's schedule targeting it.
 *
 * A stack of its own rather than inside the workflow stack: jobs are not all about workflows (metering is
 * next), and the workflow stack exists only when the catalog has workflows. Built only when there are jobs.
 */
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_JOB_TIMEOUT_SECONDS, type AnyJob } from '#shared/registry/job.ts';
import { workflowArnVariable } from '#shared/config.ts';
import { ownedFunction } from '#infra/operation-function.ts';
import { baseEnvironment, dataResourcesOf, functionAccess, pascalCase as pascal, stateMachineArn } from '#infra/function-access.ts';
import type { DataStack } from '#infra/data-stack.ts';
import type { DeploymentSettings } from '#infra/settings.ts';

export interface JobsStackProps extends StackProps {
  jobs: readonly AnyJob[];
  /** job name → bundle dir (infra/bundle.ts `jobBundleDir`). */
  codeDirs: ReadonlyMap<string, string>;
  data: DataStack;
  settings: DeploymentSettings;
  /** The catalog's workflows: a job may name only these. */
  workflowNames: ReadonlySet<string>;
}


export class JobsStack extends Stack {
  /** job name → its function. */
  readonly functions = new Map<string, lambda.Function>();
  /** job name → its schedule rule. */
  readonly rules = new Map<string, events.Rule>();

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const data = props.data.imports;
    this.addStackDependency(props.data, 'imports the table');
    const dataResources = dataResourcesOf(data, settings);
    const logRetention = settings.logRetentionDays as logs.RetentionDays;
    for (const job of props.jobs) {
      if (!/^[a-z][a-z0-9-]*$/.test(job.name)) throw new Error(`job name ${job.name} must be kebab-case`);
      const dir = props.codeDirs.get(job.name);
      if (!dir) throw new Error(`no bundle for job ${job.name}`);
      for (const w of job.workflows ?? []) {
        if (!props.workflowNames.has(w)) throw new Error(`job ${job.name} names workflow ${w}, which is not in the catalog`);
      }
      const timeout = job.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS;
      if (timeout < 1 || timeout > 900) throw new Error(`job ${job.name}: timeoutSeconds must be 1–900`);
      const holder = new Construct(this, pascal(job.name));
      const fn = ownedFunction(holder, {
        description: `job ${job.name} (${job.trigger.schedule})`,
        codeDir: dir,
        access: functionAccess(holder, { permissions: job.permissions, workflows: job.workflows ? [...job.workflows] : undefined }, dataResources, {
          signingKeys: false,
          workflowNamePrefix: settings.workflowNamePrefix,
        }),
        environment: {
          ...baseEnvironment(data, settings),
          ...Object.fromEntries((job.workflows ?? []).map((w) => [workflowArnVariable(w), stateMachineArn(this, w, settings.workflowNamePrefix)])),
        },
        memorySize: settings.memorySize,
        logRetention,
        timeout: Duration.seconds(timeout),
      });
      const rule = new events.Rule(holder, 'Schedule', {
        description: `job ${job.name}`,
        schedule: events.Schedule.expression(job.trigger.schedule),
        // A missed tick is covered by the next one: no long retries piling up behind it.
        targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(15) })],
      });
      this.functions.set(job.name, fn);
      this.rules.set(job.name, rule);
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
