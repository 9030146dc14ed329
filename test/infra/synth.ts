/**
 * Synthesizes the cloud app the way `npm run synth` does (infra/cloud.ts) into a temporary directory and
 * reads it back: every template (root and nested) by a readable name, the validation report, and the
 * references that tie a route in a nested stack to an API in its parent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { operationKey } from '#shared/registry/identity.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { createCloudApp, type CloudApp } from '#infra/cloud.ts';
import { CONTRACTS, type Contract } from '#infra/contracts.ts';
import { loadWorkflows, type LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { workflows as catalog } from '#functions/workflows/index.ts';
import { EXECUTION_STATUS_CODE_KEY, taskCodeKey } from '#infra/workflow-stack.ts';
import { jobs as realJobs } from '#functions/jobs/index.ts';
import type { AnyJob } from '#shared/registry/job.ts';

export interface Violation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs?: { constructPath?: string }[];
}

export interface Synthesized {
  work: string;
  cloud: CloudApp;
  assembly: CloudAssembly;
  /** `OmnistrateData`, `OmnistrateWorkflows` (with workflows), `OmnistrateJobs` (with jobs), `OmnistrateApi`, then each nested stack by its id (e.g. `ResourceApi`). */
  templates: Map<string, Template>;
  /** `[<template name>/<logical id>, resource]` for every resource of a type, across all templates. */
  resourcesOf(type: string): [string, any][];
  /** cdk-nag and CloudFormation Validate findings, one line each. */
  findings(): string[];
  /** What a `{Ref: <parameter>}` in a nested stack is given by its parent (other values come back as they are). */
  fromParent(nestedStack: string, value: unknown): unknown;
  /** Which contract's API a nested stack's `ApiId` value points at (through the nested-stack parameters). */
  contractOfApiRef(nestedStack: string, apiId: unknown): Contract | undefined;
  /** Logical id (in OmnistrateApi) of each contract's HTTP API. */
  apiLogicalIds: Map<Contract, string>;
  cleanup(): void;
}

export interface SynthOptions {
  operations: readonly OperationDefinition[];
  /** Real bundle directories; without them every function points at one placeholder asset (fast). */
  codeDirs?: ReadonlyMap<string, string>;
  /** The docs function's real bundle directory; without it, the placeholder asset. */
  docsCodeDir?: string;
  /** Loaded workflows (infra/workflow-catalog.ts); the real catalog when not given. */
  workflows?: readonly LoadedWorkflow[];
  /** Their real bundle directories; without them the placeholder asset. */
  workflowCodeDirs?: ReadonlyMap<string, string>;
  /** Jobs; the real catalog when neither they nor workflows are given (its jobs name the real workflows). */
  jobs?: readonly AnyJob[];
  context?: Record<string, unknown>;
  work?: string;
}

/** The real catalog: operations that start a workflow need its machine in the app. */
const realWorkflows = await loadWorkflows(catalog);

export function synthesize(given: SynthOptions): Synthesized {
  const opts = { ...given, workflows: given.workflows ?? realWorkflows, jobs: given.jobs ?? (given.workflows ? [] : realJobs) };
  const work = opts.work ?? mkdtempSync(join(tmpdir(), 'omnistrate-cdk-'));
  const placeholder = join(work, 'placeholder');
  if (!opts.codeDirs || !opts.docsCodeDir || (opts.workflows?.length && !opts.workflowCodeDirs) || opts.jobs.length) {
    mkdirSync(placeholder, { recursive: true });
    writeFileSync(join(placeholder, 'index.mjs'), 'export const handler = async () => ({ statusCode: 204 });\n');
  }
  const codeDirs = opts.codeDirs ?? new Map(opts.operations.map((op) => [operationKey(op), placeholder]));
  const cloud = createCloudApp({
    operations: opts.operations,
    codeDirs,
    docsCodeDir: opts.docsCodeDir ?? placeholder,
    workflows: opts.workflows,
    workflowCodeDirs:
      opts.workflowCodeDirs ??
      new Map([
        ...(opts.workflows ?? []).flatMap((w) => w.tasks.map((t) => [taskCodeKey(w.name, t.state), placeholder] as const)),
        [EXECUTION_STATUS_CODE_KEY, placeholder] as const,
      ]),
    jobs: opts.jobs,
    jobCodeDirs: new Map(opts.jobs.map((j) => [j.name, placeholder])),
    outdir: join(work, 'cdk.out'),
    // Assets are referenced in place instead of copied ~300 times; the templates are otherwise identical.
    context: { 'aws:cdk:disable-asset-staging': true, ...opts.context },
  });
  const assembly = cloud.app.synth() as unknown as CloudAssembly;

  const templates = new Map<string, Template>();
  templates.set('OmnistrateData', Template.fromJSON(assembly.getStackByName('OmnistrateData').template));
  if (cloud.workflows) templates.set('OmnistrateWorkflows', Template.fromJSON(assembly.getStackByName('OmnistrateWorkflows').template));
  if (cloud.jobs) templates.set('OmnistrateJobs', Template.fromJSON(assembly.getStackByName('OmnistrateJobs').template));
  const root = assembly.getStackByName('OmnistrateApi').template;
  templates.set('OmnistrateApi', Template.fromJSON(root));
  const nestedParams = new Map<string, Record<string, unknown>>();
  for (const [id, nested] of cloud.api.groups) {
    const file = join(assembly.directory, nested.templateFile);
    templates.set(id, Template.fromJSON(JSON.parse(readFileSync(file, 'utf8'))));
    const logicalId = cloud.api.resolve((nested.nestedStackResource as CfnElement).logicalId) as string;
    nestedParams.set(id, root.Resources[logicalId]?.Properties?.Parameters ?? {});
  }

  const apiLogicalIds = new Map<Contract, string>();
  for (const contract of CONTRACTS) {
    const api = cloud.api.apis.get(contract);
    if (api) apiLogicalIds.set(contract, Stack.of(api).resolve((api.node.defaultChild as CfnElement).logicalId));
  }

  function fromParent(nestedStack: string, value: unknown): unknown {
    const param = (value as { Ref?: string } | undefined)?.Ref;
    const params = nestedParams.get(nestedStack) ?? {};
    return param && param in params ? params[param] : value;
  }

  return {
    work,
    cloud,
    assembly,
    templates,
    apiLogicalIds,
    resourcesOf(type) {
      const out: [string, any][] = [];
      for (const [name, t] of templates) {
        for (const [id, r] of Object.entries(t.findResources(type))) out.push([`${name}/${id}`, r]);
      }
      return out;
    },
    findings() {
      const file = join(assembly.directory, 'validation-report.json');
      if (!existsSync(file)) return [];
      const report = JSON.parse(readFileSync(file, 'utf8')) as {
        pluginReports: { pluginName: string; violations: Violation[] }[];
      };
      return report.pluginReports.flatMap((p) =>
        p.violations.map(
          (v) =>
            `${p.pluginName} ${v.severity} ${v.ruleName}: ${v.description} @ ` +
            (v.violatingConstructs ?? []).map((c) => c.constructPath).join(', '),
        ),
      );
    },
    fromParent,
    contractOfApiRef(nestedStack, apiId) {
      const value = fromParent(nestedStack, apiId) as { Ref?: string } | undefined;
      for (const [contract, logicalId] of apiLogicalIds) if (value?.Ref === logicalId) return contract;
      return undefined;
    },
    cleanup() {
      if (!opts.work) rmSync(work, { recursive: true, force: true });
    },
  };
}
