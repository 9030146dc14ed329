/**
 * The jobs in the cloud (docs/decisions/007): for each catalog job one function, built as operations and
 * tasks are (infra/operation-function.ts `ownedFunction`: own role, own log group, tracing), with the job's
 * timeout and least-privilege IAM (the table read, what the job declares, `states:StartExecution` on exactly
 * the machines it names, formatted by name: no reference to the workflow stack), and its trigger: for a
 * schedule one EventBridge rule targeting it; for a stream job one DynamoDB stream event source on the
 * table's stream, filtered to the job's entities (new image, or old image for a delete), reporting batch
 * item failures, bisecting a failing batch, retrying a bounded number of times, and handing what still fails
 * to an on-failure SQS queue (encrypted, TLS only, 14 days: an operator replays or inspects it).
 *
 * A stack of its own rather than inside the workflow stack: jobs are not all about workflows (metering is
 * next), and the workflow stack exists only when the catalog has workflows. Built only when there are jobs.
 */
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_JOB_TIMEOUT_SECONDS, isScheduled, type AnyJob, type AnyStreamJob } from '#shared/registry/job.ts';
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
  /** job name → its schedule rule (scheduled jobs). */
  readonly rules = new Map<string, events.Rule>();
  /** job name → its stream event source mapping and on-failure queue (stream jobs). */
  readonly streams = new Map<string, { mapping: lambda.EventSourceMapping; deadLetters: sqs.Queue }>();

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
        description: `job ${job.name} (${isScheduled(job) ? job.trigger.schedule : `stream: ${job.trigger.stream.entities.join(', ')}`})`,
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
      this.functions.set(job.name, fn);
      if (isScheduled(job)) {
        const rule = new events.Rule(holder, 'Schedule', {
          description: `job ${job.name}`,
          schedule: events.Schedule.expression(job.trigger.schedule),
          // A missed tick is covered by the next one: no long retries piling up behind it.
          targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(15) })],
        });
        this.rules.set(job.name, rule);
      } else {
        this.streams.set(job.name, streamSource(holder, job, fn, data.tableStreamArn));
      }
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords and DynamoDB ListStreams (stream event sources) support no resource-level permissions.',
    });
  }
}

/** Records per invocation, attempts per failing record (after bisecting), and how old a record may get. */
export const STREAM_SOURCE = { batchSize: 100, retryAttempts: 10, maxRecordAge: Duration.hours(24), maxBatchingWindow: Duration.seconds(1) } as const;

/**
 * A stream job's event source: the table's stream, filtered to the job's entities in the new image (or the old
 * one, for deletes), with partial batch responses, bisection and an on-failure queue; and the stream read.
 */
function streamSource(scope: Construct, job: AnyStreamJob, fn: lambda.Function, streamArn: string) {
  const deadLetters = new sqs.Queue(scope, 'FailedRecords', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetters).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the on-failure destination of the stream event source (it receives failed batch metadata); it has no consumer to fail.',
  });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'ReadStream',
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [streamArn],
    }),
  );
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ListStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] }));
  const entities = [...job.trigger.stream.entities];
  const mapping = new lambda.EventSourceMapping(scope, 'Stream', {
    target: fn,
    eventSourceArn: streamArn,
    startingPosition: lambda.StartingPosition.TRIM_HORIZON,
    batchSize: STREAM_SOURCE.batchSize,
    maxBatchingWindow: STREAM_SOURCE.maxBatchingWindow,
    bisectBatchOnError: true,
    retryAttempts: STREAM_SOURCE.retryAttempts,
    maxRecordAge: STREAM_SOURCE.maxRecordAge,
    reportBatchItemFailures: true,
    onFailure: new sources.SqsDlq(deadLetters),
    filters: [
      lambda.FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: entities } } } }),
      lambda.FilterCriteria.filter({ dynamodb: { OldImage: { entity: { S: entities } } } }),
    ],
  });
  return { mapping, deadLetters };
}
