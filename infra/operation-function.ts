/**
 * One registry entry in the cloud: its function (own role, own log group) and its API route.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { functionAccess, type DataResources } from '#infra/function-access.ts';
import { routePath } from '#infra/contracts.ts';

export interface OperationFunctionProps {
  operation: OperationDefinition;
  /** Directory holding the operation's bundled `index.mjs`. */
  codeDir: string;
  api: apigw.IHttpApi;
  data: DataResources;
  environment: Record<string, string>;
  memorySize: number;
  logRetention: logs.RetentionDays;
}

export const RUNTIME = lambda.Runtime.NODEJS_24_X;

export class OperationFunction extends Construct {
  readonly function: lambda.Function;
  readonly route: apigw.HttpRoute;

  constructor(scope: Construct, id: string, props: OperationFunctionProps) {
    super(scope, id);
    const op = props.operation;

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are operational and retention-bound; a torn-down stack should not leave ~300 groups behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role (no AWSLambdaBasicExecutionRole): log writes only to this function's group.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${op.operationId}: ${op.method} ${op.path}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const access = functionAccess(this, op, props.data);
    for (const s of access.statements) role.addToPrincipalPolicy(s);
    if (access.acknowledgements.length) Validations.of(role).acknowledge(...access.acknowledgements);

    this.function = new lambda.Function(this, 'Function', {
      description: `${op.operationId}: ${op.method} ${op.path}`,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(props.codeDir),
      memorySize: props.memorySize,
      // API Gateway gives up at 30 s; a function should fail first, with its own error logged.
      timeout: Duration.seconds(28),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      role,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'omnistrate-registration-api' },
    });

    this.route = new apigw.HttpRoute(this, 'Route', {
      httpApi: props.api,
      routeKey: apigw.HttpRouteKey.with(routePath(op.path), apigw.HttpMethod[op.method]),
      integration: new HttpLambdaIntegration('Integration', this.function, {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
      }),
    });
  }
}
