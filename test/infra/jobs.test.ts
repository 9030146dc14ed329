/**
 * The jobs stack, synthesized with the real registry, workflow catalog and job catalog (placeholder code):
 * every job has its function and a rule with its declared schedule; cdk-nag stays at zero findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { operations } from '#functions/registry.ts';
import { jobs } from '#functions/jobs/index.ts';
import { isScheduled, isStreamJob } from '#shared/registry/job.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleFunctions, PROJECT_ROOT } from '#infra/bundle.ts';
import { synthesize, type Synthesized } from './synth.ts';

let synth: Synthesized;
let t: Template;
beforeAll(() => {
  synth = synthesize({ operations: operations.slice(0, 3) });
  t = synth.templates.get('OmnistrateJobs')!;
}, 120_000);
afterAll(() => synth?.cleanup());

const resources = (type: string) => Object.entries(t.findResources(type)) as [string, any][];

describe('the jobs stack', () => {
  it('synthesizes with no cdk-nag or CloudFormation Validate finding', () => {
    expect(synth.findings()).toEqual([]);
  });

  it('has one traced function per job and a rule with its schedule targeting it', () => {
    const fns = resources('AWS::Lambda::Function');
    const rules = resources('AWS::Events::Rule');
    expect(fns).toHaveLength(jobs.length);
    expect(rules).toHaveLength(jobs.filter(isScheduled).length);
    for (const job of jobs) {
      const [fnId, fn] = fns.find(([, f]) => String(f.Properties.Description).startsWith(`job ${job.name} `))!;
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Timeout).toBe(job.timeoutSeconds ?? 60);
      if (!isScheduled(job)) continue;
      const [, rule] = rules.find(([, r]) => r.Properties.Description === `job ${job.name}`)!;
      expect(rule.Properties.ScheduleExpression).toBe(job.trigger.schedule);
      expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
  });

  /** The statements of one job's policies (their logical ids lead with the job's name in PascalCase). */
  const statementsOf = (job: string) => {
    const prefix = job.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
    return resources('AWS::IAM::Policy')
      .filter(([id]) => id.startsWith(prefix))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
  };

  it("gives each stream job an event source on the table's stream: entity filter, partial batch failures, bisect, bounded retries, an on-failure queue", () => {
    const mappings = resources('AWS::Lambda::EventSourceMapping');
    const fns = resources('AWS::Lambda::Function');
    const streamJobs = jobs.filter(isStreamJob);
    expect(streamJobs.map((j) => j.name)).toContain('record-audit-events');
    expect(mappings).toHaveLength(streamJobs.length);
    for (const job of streamJobs) {
      const [fnId] = fns.find(([, f]) => String(f.Properties.Description).startsWith(`job ${job.name} `))!;
      const [, m] = mappings.find(([, x]) => x.Properties.FunctionName.Ref === fnId)!;
      expect(JSON.stringify(m.Properties.EventSourceArn)).toContain('TableStreamArn');
      expect(m.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(m.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][1]).toBe('Arn');
      const patterns = m.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
      expect(patterns).toEqual([
        { dynamodb: { NewImage: { entity: { S: [...job.trigger.stream.entities] } } } },
        { dynamodb: { OldImage: { entity: { S: [...job.trigger.stream.entities] } } } },
      ]);
    }
    const [, queue] = resources('AWS::SQS::Queue')[0]!;
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('lets restart-unstarted-workflows start exactly the catalog machines, and read the table', () => {
    const statements = statementsOf('restart-unstarted-workflows');
    const start = statements.find((s) => s.Sid === 'StartWorkflows');
    expect(start.Action).toBe('states:StartExecution');
    expect(JSON.stringify(start.Resource)).toContain('stateMachine:omnistrate-promote-environment');
    expect(statements.some((s) => s.Sid === 'ReadTable')).toBe(true);
    expect(statements.some((s) => s.Sid === 'WriteTable' || s.Sid === 'ReadSigningKeys')).toBe(false);
  });

  it('lets back-up-instances write the table and start only the snapshot machine', () => {
    const statements = statementsOf('back-up-instances');
    const start = statements.find((s) => s.Sid === 'StartWorkflows');
    expect(JSON.stringify(start.Resource)).toContain('stateMachine:omnistrate-snapshot-resource-instance');
    expect(JSON.stringify(start.Resource)).not.toContain('promote-environment');
    expect(statements.some((s) => s.Sid === 'WriteTable')).toBe(true);
  });

  it('lets export-usage write blobs (the bucket the function is told) and its cursor, and start nothing', () => {
    const statements = statementsOf('export-usage');
    const blobsStatement = statements.find((s) => s.Sid === 'Blobs');
    expect(blobsStatement.Action).toEqual(expect.arrayContaining(['s3:PutObject']));
    expect(statements.some((s) => s.Sid === 'WriteTable')).toBe(true);
    expect(statements.some((s) => s.Sid === 'StartWorkflows')).toBe(false);
    const [, fn] = resources('AWS::Lambda::Function').find(([, f]) => String(f.Properties.Description).startsWith('job export-usage '))!;
    expect(fn.Properties.Environment.Variables.BLOB_BUCKET).toBeDefined();
  });
});

describe('job bundles', () => {
  it('are built one per job and hold neither the local runner, the scheduler nor the ASL validator', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'omnistrate-jobs-'));
    try {
      const out = await bundleFunctions([], { outdir, jobs, minify: false });
      expect(out.jobs.map((j) => j.name)).toEqual(jobs.map((j) => j.name));
      for (const j of out.jobs) {
        const output = out.metafile.outputs[relative(PROJECT_ROOT, join(j.dir, 'index.mjs'))];
        const inputs = Object.keys(output.inputs);
        expect(inputs).toContain(`functions/jobs/${j.name}.ts`);
        expect(inputs.filter((i) => /infra\/local|asl-validator|aws-local-stepfunctions|esbuild/.test(i))).toEqual([]);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
