/**
 * Least-privilege IAM for one operation's function, derived from what the registry entry declares
 * (`permissions`). Every function reads the table; nothing gets more than its entry asks for.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { OperationDefinition, Permission } from '#shared/registry/operation.ts';
import { TABLE } from '#shared/data/table.ts';
import type { DataExports } from '#infra/data-stack.ts';

export interface DataResources {
  tableArn: string;
  secretArn: string;
  blobBucketArn: string;
  /** How cdk-nag renders `blobBucketArn` in a finding id (the export it is imported from). */
  blobBucketArnExportName: string;
  /** Verified SES sender; `ses:SendEmail` is limited to this From address. */
  mailFrom: string;
}

/** Transactional reads are authorized per item as GetItem, so these cover TransactGetItems too. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/**
 * TransactWriteItems is authorized per item: Put/Update/Delete, and ConditionCheckItem for guard checks.
 * BatchWriteItem is its own action: `store.putImmutable` (a release's snapshot parts, written before the header
 * that makes them visible) is its only user; without it every release was refused in AWS.
 */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
];
export const BLOB_READ_ACTIONS = ['s3:GetObject'];
export const BLOB_WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject'];

export interface FunctionAccess {
  statements: iam.PolicyStatement[];
  /** cdk-nag findings these statements raise by necessity, with the reason each is acceptable. */
  acknowledgements: { id: string; reason: string }[];
}

export interface AccessOptions {
  /** Whether the function reads the signing-key secret (every API function does; workflow tasks do not). */
  signingKeys?: boolean;
  /** The deployment's state machine name prefix (settings.workflowNamePrefix). */
  workflowNamePrefix?: string;
  /** The EventBridge bus the callback driver publishes to (settings.driverEventBus, default `default`). */
  driverEventBus?: string;
}

export function functionAccess(
  scope: Construct,
  op: Pick<OperationDefinition, 'permissions' | 'workflows'>,
  data: DataResources,
  opts: AccessOptions = {},
): FunctionAccess {
  const acknowledgements: FunctionAccess['acknowledgements'] = [];
  const stack = Stack.of(scope);
  const granted = new Set<Permission>(op.permissions ?? []);
  const indexArns = [TABLE.byParent.name, TABLE.byId.name].map((name) => `${data.tableArn}/index/${name}`);
  const statements = [
    new iam.PolicyStatement({
      sid: 'ReadTable',
      actions: TABLE_READ_ACTIONS,
      resources: [data.tableArn, ...indexArns],
    }),
  ];
  if (granted.has('table:write')) {
    statements.push(new iam.PolicyStatement({ sid: 'WriteTable', actions: TABLE_WRITE_ACTIONS, resources: [data.tableArn] }));
  }
  // Every function can need the keys: authenticated ones verify the JWT, public ones issue tokens (signin)
  // or sign page cursors (public lists). The shared handler bundles that path into every function anyway.
  if (opts.signingKeys ?? true) {
    statements.push(
      new iam.PolicyStatement({ sid: 'ReadSigningKeys', actions: ['secretsmanager:GetSecretValue'], resources: [data.secretArn] }),
    );
  }
  if (granted.has('mail:send')) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'SendMail',
        actions: ['ses:SendEmail'],
        // In the SES sandbox the recipient identities are authorized too, so the resource cannot be the
        // sender identity alone; the From-address condition is what keeps this narrow.
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
        conditions: { StringEquals: { 'ses:FromAddress': data.mailFrom } },
      }),
    );
    acknowledgements.push({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason: 'SES authorizes sandbox recipients as identities too; sending is limited by the ses:FromAddress condition.',
    });
  }
  const blobActions = [
    ...(granted.has('blob:read') ? BLOB_READ_ACTIONS : []),
    ...(granted.has('blob:write') ? BLOB_WRITE_ACTIONS : []),
  ];
  if (blobActions.length) {
    statements.push(new iam.PolicyStatement({ sid: 'Blobs', actions: blobActions, resources: [`${data.blobBucketArn}/*`] }));
    if (granted.has('blob:read')) {
      // Without ListBucket, S3 answers a missing key with AccessDenied instead of NoSuchKey, and the blob
      // store could not tell "no such file" (404) from a real failure.
      statements.push(new iam.PolicyStatement({ sid: 'ListBlobs', actions: ['s3:ListBucket'], resources: [data.blobBucketArn] }));
    }
    acknowledgements.push({
      id: `AwsSolutions-IAM5[Resource::${data.blobBucketArnExportName}/*]`,
      reason: 'Object keys are generated per resource file at run time; only object actions on this one bucket.',
    });
  }
  const machines = op.workflows ?? [];
  if (machines.length) {
    // Exactly the machines the entry declares (their names are formatted, not referenced: no stack cycle).
    statements.push(
      new iam.PolicyStatement({
        sid: 'StartWorkflows',
        actions: ['states:StartExecution'],
        resources: machines.map((w) => stateMachineArn(stack, w, opts.workflowNamePrefix)),
      }),
    );
  }
  if (granted.has('driver:publish')) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'PublishDeploymentWork',
        actions: ['events:PutEvents'],
        resources: [stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: opts.driverEventBus ?? 'default' })],
      }),
    );
  }
  if (granted.has('workflow:complete-task')) {
    // A task token names no machine; the grant is scoped to this deployment's machines (their name prefix).
    const prefix = opts.workflowNamePrefix ?? WORKFLOW_NAME_PREFIX;
    statements.push(
      new iam.PolicyStatement({
        sid: 'CompleteWaitingSteps',
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: [stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: `${prefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    acknowledgements.push({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${prefix}*]`,
      reason: "Task tokens belong to this deployment's state machines, named by its prefix; the callback endpoint answers whichever one waits.",
    });
  }
  return { statements, acknowledgements };
}

/** Every state machine's name starts with this (settings may lengthen it, e.g. `omnistrate-staging-`). */
export const WORKFLOW_NAME_PREFIX = 'omnistrate-';

/** `promote-environment` → `omnistrate-promote-environment`: the state machine's name. */
export function stateMachineName(workflow: string, prefix = WORKFLOW_NAME_PREFIX): string {
  return `${prefix}${workflow}`;
}

/** The machine's ARN in this stack's account and region, formatted from its name. */
export function stateMachineArn(stack: Stack, workflow: string, prefix?: string): string {
  return stack.formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(workflow, prefix),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** What every function's IAM is scoped to, from the data stack's imports and the deployment's settings. */
export function dataResourcesOf(data: DataExports, settings: { mailFrom: string }): DataResources {
  return {
    tableArn: data.tableArn,
    secretArn: data.secretArn,
    blobBucketArn: data.blobBucketArn,
    blobBucketArnExportName: data.blobBucketArnExportName,
    mailFrom: settings.mailFrom,
  };
}

/** The environment every function of the deployment shares (operations add the signing keys and the public URL). */
export function baseEnvironment(data: DataExports, settings: { mailFrom: string; buildCommitSha?: string }): Record<string, string> {
  return {
    TABLE_NAME: data.tableName,
    BLOB_BUCKET: data.blobBucketName,
    MAIL_TRANSPORT: 'ses',
    MAIL_FROM: settings.mailFrom,
    // In AWS no registry is spoken to over plain http: the local defaults (localhost) would let a caller aim
    // CheckIfContainerImageAccessible at the Lambda runtime's own loopback endpoints.
    REGISTRY_HTTP_HOSTS: '',
    // The callback deployment driver publishes work on this bus (shared/drivers/callback.ts).
    DRIVER_EVENT_BUS: 'default',
    ...(settings.buildCommitSha ? { BUILD_COMMIT_SHA: settings.buildCommitSha } : {}),
  };
}

/** `promote-environment` → `PromoteEnvironment`: construct ids from kebab-case names. */
export const pascalCase = (kebab: string): string =>
  kebab
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
