/**
 * `cdk synth` / `cdk deploy` entry (cdk.json: `node infra/app.ts`): bundles every registry module and every
 * workflow task in one esbuild run (with the docs function), then synthesizes the data, workflow and API
 * stacks from the same registry and catalog.
 */
import { operations } from '#functions/registry.ts';
import { workflows as catalog } from '#functions/workflows/index.ts';
import { jobs } from '#functions/jobs/index.ts';
import { bundleFunctions } from '#infra/bundle.ts';
import { createCloudApp } from '#infra/cloud.ts';
import { loadWorkflows } from '#infra/workflow-catalog.ts';
import { EXECUTION_STATUS_CODE_KEY, taskCodeKey } from '#infra/workflow-stack.ts';

const workflows = await loadWorkflows(catalog);
const bundle = await bundleFunctions(operations, { workflows, jobs });
const { app } = createCloudApp({
  operations,
  codeDirs: new Map(bundle.functions.map((f) => [f.key, f.dir])),
  docsCodeDir: bundle.docs.dir,
  workflows,
  workflowCodeDirs: new Map([
    ...bundle.tasks.map((t) => [taskCodeKey(t.workflow, t.state), t.dir] as const),
    ...(bundle.executionStatus ? [[EXECUTION_STATUS_CODE_KEY, bundle.executionStatus.dir] as const] : []),
  ]),
  jobs,
  jobCodeDirs: new Map(bundle.jobs.map((j) => [j.name, j.dir])),
});
app.synth();
