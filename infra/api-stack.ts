/**
 * The APIs: one HTTP API (payload 2.0) per contract, the Registration API and the Fleet API
 * (infra/contracts.ts decides by path), behind one CloudFront distribution (infra/edge.ts) so clients keep
 * one base URL; one function and route per registry entry, in the API of its contract. Functions live in one nested stack per
 * API group (split further for groups too large for one, infra/stack-layout.ts) so that no stack comes near
 * CloudFormation's 500-resource limit (7 resources per operation).
 *
 * The distribution sits in this stack's root, between the APIs and the nested stacks: it needs only the API
 * ids, and the functions need its host name for PUBLIC_URL, so CloudFormation orders APIs → distribution →
 * functions by reference alone, with no cycle and no export between stacks (decision 006).
 *
 * The docs function (infra/docs-function.ts: `/openapi.json`, `/docs`, `/docs/{proxy+}` on the Registration
 * API) sits in the root too, after the distribution, whose URL it serves as the document's `servers`.
 */
import { CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { OperationFunction } from '#infra/operation-function.ts';
import { baseEnvironment, dataResourcesOf } from '#infra/function-access.ts';
import { DocsFunction } from '#infra/docs-function.ts';
import { contractOf, CONTRACTS, type Contract } from '#infra/contracts.ts';
import { operationKey } from '#shared/registry/identity.ts';
import { Edge } from '#infra/edge.ts';
import { functionStackId } from '#infra/stack-layout.ts';
import type { DataStack } from '#infra/data-stack.ts';
import type { DeploymentSettings } from '#infra/settings.ts';

export interface ApiStackProps extends StackProps {
  operations: readonly OperationDefinition[];
  /** operationKey(op) (shared/registry/identity.ts) → directory of its bundle. */
  codeDirs: ReadonlyMap<string, string>;
  /** Directory of the docs function's bundle (infra/bundle.ts `docsBundleDir`). */
  docsCodeDir: string;
  data: DataStack;
  settings: DeploymentSettings;
  /** The catalog's workflows: an entry may declare only these in `workflows`. */
  workflowNames?: ReadonlySet<string>;
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

interface ApiNaming {
  id: string;
  logsId: string;
  stageId: string;
  name: string;
  description: string;
}

/** Names of each contract's API and its constructs; the Registration API keeps the ids it had. */
const API_NAMING: Record<Contract, ApiNaming> = {
  registration: {
    id: 'Api',
    logsId: 'AccessLogs',
    stageId: 'DefaultStage',
    name: 'omnistrate-registration-api',
    description: 'Omnistrate Registration API (2022-09-01-00)',
  },
  fleet: {
    id: 'FleetApi',
    logsId: 'FleetAccessLogs',
    stageId: 'FleetDefaultStage',
    name: 'omnistrate-fleet-api',
    description: 'Omnistrate Fleet API (2022-09-01-00), under /2022-09-01-00/fleet/',
  },
};

export class ApiStack extends Stack {
  /**
   * The HTTP API of each contract that has registry entries. The Registration API always exists (it is the
   * distribution's default behaviour); the Fleet API only once an entry is registered under its prefix,
   * because API Gateway refuses to deploy an HTTP API without routes.
   */
  readonly apis = new Map<Contract, apigw.HttpApi>();
  readonly edge: Edge;
  /** Nested stack id (infra/stack-layout.ts) → nested stack. */
  readonly groups = new Map<string, NestedStack>();
  /** operationKey(op) → its function: operationIds repeat across groups and contracts, the key does not. */
  readonly functions = new Map<string, OperationFunction>();
  readonly docs: DocsFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // Imported by export name; the explicit dependency orders deployment.
    const data = props.data.imports;
    this.addStackDependency(props.data, 'imports the table, signing keys, blob bucket and edge log bucket');

    const contracts = new Set(props.operations.map((op) => contractOf(op.path)));
    contracts.add('registration');
    for (const contract of CONTRACTS) {
      if (contracts.has(contract)) this.apis.set(contract, this.contractApi(contract, settings));
    }

    this.edge = new Edge(this, 'Edge', {
      apis: this.apis,
      logBucketName: data.edgeLogsBucketName,
      logBucketDomainName: data.edgeLogsBucketDomainName,
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
      webAclArn: settings.webAclArn,
    });
    new CfnOutput(this, 'Url', { value: this.edge.url, description: 'Base URL for clients (CloudFront)' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.edge.distribution.distributionDomainName,
      description: 'Target of the DNS record for -c domainName',
    });

    this.docs = new DocsFunction(this, 'Docs', {
      codeDir: props.docsCodeDir,
      api: this.apis.get('registration')!,
      apiUrl: this.edge.url,
      memorySize: settings.memorySize,
      logRetention: retention(settings.logRetentionDays),
    });

    const environment: Record<string, string> = {
      ...baseEnvironment(data, settings),
      SECRET_ARN: data.secretArn,
      PUBLIC_URL: settings.publicUrl ?? this.edge.url,
    };
    const dataResources = dataResourcesOf(data, settings);

    for (const op of props.operations) {
      const group = this.groupStack(op);
      const key = operationKey(op);
      if (this.functions.has(key)) throw new Error(`two registry entries are ${key}`);
      const codeDir = props.codeDirs.get(key);
      if (!codeDir) throw new Error(`no bundle for ${key}`);
      for (const w of op.workflows ?? []) {
        if (!props.workflowNames?.has(w)) throw new Error(`${op.operationId} declares workflow ${w}, which is not in the catalog`);
      }
      // The construct id is the bare operationId inside the group's own nested stack (one per contract and
      // group), which the key makes unique; kept bare so existing functions keep their logical ids.
      this.functions.set(
        key,
        new OperationFunction(group, op.operationId, {
          operation: op,
          codeDir,
          api: this.apis.get(contractOf(op.path))!,
          data: dataResources,
          environment,
          memorySize: settings.memorySize,
          logRetention: retention(settings.logRetentionDays),
          workflowNamePrefix: settings.workflowNamePrefix,
        }),
      );
    }
  }

  private contractApi(contract: Contract, settings: DeploymentSettings): apigw.HttpApi {
    const naming = API_NAMING[contract];
    const api = new apigw.HttpApi(this, naming.id, {
      apiName: naming.name,
      description: naming.description,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['*'],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [apigw.CorsHttpMethod.ANY],
      },
    });
    const accessLogs = new logs.LogGroup(this, naming.logsId, { retention: retention(settings.logRetentionDays) });
    new apigw.HttpStage(this, naming.stageId, {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    new CfnOutput(this, `${naming.id}Endpoint`, {
      value: api.apiEndpoint,
      description: `${naming.description}: the origin behind the distribution, not for clients`,
    });
    return api;
  }

  private groupStack(op: OperationDefinition): NestedStack {
    const id = functionStackId(op);
    let stack = this.groups.get(id);
    if (!stack) {
      stack = new NestedStack(this, id, {
        description: `Functions and routes of the ${op.group} group (${contractOf(op.path)} API)`,
      });
      this.groups.set(id, stack);
    }
    return stack;
  }
}

function retention(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}`);
  return days as logs.RetentionDays;
}
