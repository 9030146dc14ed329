/**
 * The CDK app as a function of the registry and its bundles, so the tests synthesize exactly what
 * `npm run synth` does. Environment-agnostic (no account/region, no lookups): synthesizes offline.
 */
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { DataStack } from '#infra/data-stack.ts';
import { ApiStack } from '#infra/api-stack.ts';
import { readSettings } from '#infra/settings.ts';
import { WorkflowStack } from '#infra/workflow-stack.ts';
import type { LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { JobsStack } from '#infra/jobs-stack.ts';
import type { AnyJob } from '#shared/registry/job.ts';

export interface CloudAppOptions extends AppProps {
  operations: readonly OperationDefinition[];
  /** operationId → directory holding its bundled index.mjs (infra/bundle.ts). */
  codeDirs: ReadonlyMap<string, string>;
  /** Directory holding the docs function's bundle and its swagger-ui-dist files (infra/bundle.ts). */
  docsCodeDir: string;
  /** The catalog's workflows (infra/workflow-catalog.ts `loadWorkflows`); none: no workflow stack. */
  workflows?: readonly LoadedWorkflow[];
  /** taskCodeKey(workflow, state) and EXECUTION_STATUS_CODE_KEY → bundle directory (infra/bundle.ts). */
  workflowCodeDirs?: ReadonlyMap<string, string>;
  /** The job catalog (functions/jobs/index.ts); none: no jobs stack. */
  jobs?: readonly AnyJob[];
  /** job name → bundle directory (infra/bundle.ts). */
  jobCodeDirs?: ReadonlyMap<string, string>;
}

export interface CloudApp {
  app: App;
  data: DataStack;
  api: ApiStack;
  /** Present when the catalog has workflows. */
  workflows?: WorkflowStack;
  /** Present when the catalog has jobs. */
  jobs?: JobsStack;
}

/**
 * Feature flags the stacks rely on, set here rather than only in cdk.json so tests synthesize the same thing:
 * access logs delivered via bucket policy (not the legacy ACL, which BUCKET_OWNER_ENFORCED forbids), and
 * the CloudFormation validation that ships with aws-cdk-lib reporting errors as errors.
 */
export const FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  // Group stacks reference their parent's APIs and distribution (as nested-stack parameters); the data stack
  // is imported by explicit export names instead (DataStack.imports). Strong is the established behaviour,
  // stated so CDK stops warning.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

export function createCloudApp(opts: CloudAppOptions): CloudApp {
  const { operations, codeDirs, docsCodeDir, workflows = [], workflowCodeDirs = new Map(), jobs = [], jobCodeDirs = new Map(), ...appProps } = opts;
  const app = new App({ ...appProps, context: { ...FEATURE_FLAGS, ...appProps.context } });
  const settings = readSettings(app.node);
  const data = new DataStack(app, 'OmnistrateData', {
    description: 'Omnistrate Registration API: table, signing keys, blob bucket',
  });
  // Deployed before the API: its functions start these machines (by formatted ARN, so no reference between them).
  const workflowStack = workflows.length
    ? new WorkflowStack(app, 'OmnistrateWorkflows', {
        description: 'Omnistrate Registration API: state machines, their task functions, execution-status events',
        workflows,
        codeDirs: workflowCodeDirs,
        data,
        settings,
      })
    : undefined;
  const api = new ApiStack(app, 'OmnistrateApi', {
    description: 'Omnistrate Registration API: CloudFront, one HTTP API per contract, one function per operation',
    operations,
    codeDirs,
    docsCodeDir,
    data,
    settings,
    workflowNames: new Set(workflows.map((w) => w.name)),
  });
  if (workflowStack) api.addStackDependency(workflowStack, 'starts its state machines');
  const jobsStack = jobs.length
    ? new JobsStack(app, 'OmnistrateJobs', {
        description: 'Omnistrate Registration API: scheduled jobs, one function and one EventBridge rule each',
        jobs,
        codeDirs: jobCodeDirs,
        data,
        settings,
        workflowNames: new Set(workflows.map((w) => w.name)),
      })
    : undefined;
  if (jobsStack && workflowStack) jobsStack.addStackDependency(workflowStack, 'starts its state machines');
  Tags.of(app).add('app', 'omnistrate-registration-api');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeByDesign(api);
  return { app, data, api, workflows: workflowStack, jobs: jobsStack };
}

/** Findings that are the design, not oversights; each with its reason. */
function acknowledgeByDesign(api: ApiStack): void {
  Validations.of(api).acknowledge(
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'Routes carry no API Gateway authorizer on purpose: every function authenticates the caller itself ' +
        '(HS256 JWT checked against the signing keys and the revocation list, role checked per operation), ' +
        'and public routes must ignore the Authorization header (clients send "Bearer undefined").',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    },
  );
}
