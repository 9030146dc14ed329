/**
 * One registry entry in the cloud: its function (own role, own log group) and its API route.
 * `ownedFunction` is the function part alone, which the docs function (infra/docs-function.ts) shares.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { functionAccess, stateMachineArn, type DataResources, type FunctionAccess } from '#infra/function-access.ts';
import { workflowArnVariable } from '#shared/config.ts';
import { routePath } from '#infra/contracts.ts';
import { contractOperationId } from '#shared/registry/identity.ts';

export interface OperationFunctionProps {
  operation: OperationDefinition;
  /** Directory holding the operation's bundled `index.mjs`. */
  codeDir: string;
  api: apigw.IHttpApi;
  data: DataResources;
  environment: Record<string, string>;
  memorySize: number;
  logRetention: logs.RetentionDays;
  /** The deployment's state machine name prefix (for the workflows the entry declares). */
  workflowNamePrefix?: string;
}

export const RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface OwnedFunctionProps {
  /** Description of the role and the function. */
  description: string;
  /** Directory holding the bundled `index.mjs` (and whatever else the asset needs). */
  codeDir: string;
  /** Statements beyond writing to its own log group (and X-Ray, which tracing adds). */
  access: FunctionAccess;
  environment: Record<string, string>;
  memorySize: number;
  logRetention: logs.RetentionDays;
  /** Default 28 s: API Gateway gives up at 30 s. Workflow tasks set their own. */
  timeout?: Duration;
}

/**
 * A function as every one of ours is built: nodejs24.x on arm64, active tracing, JSON logs to its own log
 * group with retention, and its own role that may write to that group and do what `access` says, nothing
 * more. Creates `Logs`, `Role` and `Function` in `scope`.
 */
export function ownedFunction(scope: Construct, props: OwnedFunctionProps): lambda.Function {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: props.logRetention,
    // Logs are operational and retention-bound; a torn-down stack should not leave ~300 groups behind.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // An own role (no AWSLambdaBasicExecutionRole): log writes only to this function's group.
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.description,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  for (const s of props.access.statements) role.addToPrincipalPolicy(s);
  if (props.access.acknowledgements.length) Validations.of(role).acknowledge(...props.access.acknowledgements);

  return new lambda.Function(scope, 'Function', {
    description: props.description,
    runtime: RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(props.codeDir),
    memorySize: props.memorySize,
    // API Gateway gives up at 30 s; a function should fail first, with its own error logged.
    timeout: props.timeout ?? Duration.seconds(28),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    role,
    environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'omnistrate-registration-api' },
  });
}

export class OperationFunction extends Construct {
  readonly function: lambda.Function;
  readonly route: apigw.HttpRoute;

  constructor(scope: Construct, id: string, props: OperationFunctionProps) {
    super(scope, id);
    const op = props.operation;

    this.function = ownedFunction(this, {
      // The contract's own operationId (`group#OperationId`) and the route: names repeat, this pair does not.
      description: `${contractOperationId(op)}: ${op.method} ${op.path}`,
      codeDir: props.codeDir,
      access: functionAccess(this, op, props.data, { workflowNamePrefix: props.workflowNamePrefix }),
      // The machines it may start, by ARN (shared/config.ts workflowArn): formatted from names, no reference.
      environment: {
        ...props.environment,
        ...Object.fromEntries(
          (op.workflows ?? []).map((w) => [workflowArnVariable(w), stateMachineArn(Stack.of(this), w, props.workflowNamePrefix)]),
        ),
      },
      memorySize: props.memorySize,
      logRetention: props.logRetention,
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
