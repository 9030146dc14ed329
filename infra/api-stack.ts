/**
 * The API: one HTTP API (payload 2.0), one function and route per registry entry, grouped into one nested
 * stack per API group so that no stack comes near CloudFormation's 500-resource limit (~7 resources per
 * operation; the largest group has 26 operations).
 */
import { NestedStack, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { OperationFunction } from '#infra/operation-function.ts';
import type { DataStack } from '#infra/data-stack.ts';
import type { DeploymentSettings } from '#infra/settings.ts';

export interface ApiStackProps extends StackProps {
  operations: readonly OperationDefinition[];
  /** operationId → directory of its bundle. */
  codeDirs: ReadonlyMap<string, string>;
  data: DataStack;
  settings: DeploymentSettings;
}

const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

export class ApiStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly groups = new Map<string, NestedStack>();
  readonly functions = new Map<string, OperationFunction>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // Imported by export name; the explicit dependency orders deployment.
    const data = props.data.imports;
    this.addStackDependency(props.data, 'imports the table, signing keys and blob bucket');

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: 'omnistrate-registration-api',
      description: 'Omnistrate Registration API (2022-09-01-00)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['*'],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [apigw.CorsHttpMethod.ANY],
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: retention(settings.logRetentionDays) });
    new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    const environment: Record<string, string> = {
      TABLE_NAME: data.tableName,
      SECRET_ARN: data.secretArn,
      BLOB_BUCKET: data.blobBucketName,
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: settings.mailFrom,
      PUBLIC_URL: settings.publicUrl ?? this.api.apiEndpoint,
      ...(settings.buildCommitSha ? { BUILD_COMMIT_SHA: settings.buildCommitSha } : {}),
    };
    const dataResources = {
      tableArn: data.tableArn,
      secretArn: data.secretArn,
      blobBucketArn: data.blobBucketArn,
      blobBucketArnExportName: data.blobBucketArnExportName,
      mailFrom: settings.mailFrom,
    };

    for (const op of props.operations) {
      const group = this.groupStack(op.group);
      const codeDir = props.codeDirs.get(op.operationId);
      if (!codeDir) throw new Error(`no bundle for ${op.operationId}`);
      this.functions.set(
        op.operationId,
        new OperationFunction(group, op.operationId, {
          operation: op,
          codeDir,
          api: this.api,
          data: dataResources,
          environment,
          memorySize: settings.memorySize,
          logRetention: retention(settings.logRetentionDays),
        }),
      );
    }
  }

  private groupStack(group: string): NestedStack {
    let stack = this.groups.get(group);
    if (!stack) {
      // Named after the reference tag (`resource-api` → ResourceApi); a bare `Resource` id would be taken
      // by CDK as a default child and lose its name in logical ids.
      const id = group
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
      stack = new NestedStack(this, id, { description: `Functions and routes of the ${group} group` });
      this.groups.set(group, stack);
    }
    return stack;
  }
}

function retention(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}`);
  return days as logs.RetentionDays;
}
