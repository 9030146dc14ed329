/**
 * `cdk synth` / `cdk deploy` entry (cdk.json: `node infra/app.ts`): bundles every registry module in one
 * esbuild run (with the docs function), then synthesizes the data and API stacks from the same registry.
 */
import { operations } from '#functions/registry.ts';
import { bundleFunctions } from '#infra/bundle.ts';
import { createCloudApp } from '#infra/cloud.ts';

const bundle = await bundleFunctions(operations);
const { app } = createCloudApp({
  operations,
  codeDirs: new Map(bundle.functions.map((f) => [f.operationId, f.dir])),
  docsCodeDir: bundle.docs.dir,
});
app.synth();
