/**
 * The CDK app, synthesized exactly as `npm run synth` does (real bundles, real registry): one function and
 * one route per operation, and the docs function with its routes, stacks under the resource limit, zero unacknowledged cdk-nag findings and no
 * finding from the CloudFormation validation that ships with aws-cdk-lib. Routing by contract and the
 * distribution: routing.test.ts; quotas now and with every reference operation: capacity.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { operations } from '#functions/registry.ts';
import { moduleFile } from '#shared/registry/operation.ts';
import { contractOf, contractOperationId, operationKey } from '#shared/registry/identity.ts';
import { TABLE } from '#shared/data/table.ts';
import { bundleFunctions, DOCS_PACKAGE_FILES, PROJECT_ROOT, type BundleResult } from '#infra/bundle.ts';
import { ASSETS, docsRoutes, swaggerUiDir } from '#functions/docs/serve-docs.ts';
import { FEATURE_FLAGS, type CloudApp } from '#infra/cloud.ts';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '#infra/function-access.ts';
import { functionStackId, MAX_RESOURCES_PER_STACK } from '#infra/stack-layout.ts';
import { testSession } from '../support/session.ts';
import { workflows as catalog } from '#functions/workflows/index.ts';
import { loadWorkflows, type LoadedWorkflow } from '#infra/workflow-catalog.ts';
import { EXECUTION_STATUS_CODE_KEY, taskCodeKey } from '#infra/workflow-stack.ts';
import { placeholderOf } from '#shared/registry/task.ts';
import { synthesize, type Synthesized } from './synth.ts';

let work: string;
let bundle: BundleResult;
let bundleDirs: Map<string, string>;
let synth: Synthesized | undefined;
let cloud: CloudApp;
let assembly: CloudAssembly;
let synthError: unknown;
let workflows: LoadedWorkflow[];
/** Task functions and the execution-status function (test/infra/workflows.test.ts looks at them). */
const workflowFunctionCount = () => workflows.reduce((n, w) => n + w.tasks.length, 0) + (workflows.length ? 1 : 0);
const isWorkflowStack = (name: string) => name.startsWith('OmnistrateWorkflows/');
/** Every template: the two top-level stacks and each nested function stack, by a readable name. */
let templates = new Map<string, Template>();

function resourcesOf(type: string): [string, any][] {
  return synth ? synth.resourcesOf(type) : [];
}

const DOCS_DESCRIPTION = /^Docs: /;
const docsRouteKeys = docsRoutes.map((r) => `${r.method} ${r.path}`);

/** The policies attached to the role of the function `fn` in template `t`: exactly one, as its actions. */
function actionsOf(t: Template, fn: any, name: string): Set<string> {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(t.findResources('AWS::IAM::Policy')).filter((p: any) =>
    p.Properties.Roles.some((r: any) => r.Ref === roleId),
  ) as any[];
  expect(policies, name).toHaveLength(1);
  const statements = policies[0].Properties.PolicyDocument.Statement as { Action: string | string[] }[];
  return new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'omnistrate-cdk-'));
  // The real catalog, as `npm run synth` has it (no workflow stack while it is empty).
  workflows = await loadWorkflows(catalog);
  bundle = await bundleFunctions(operations, { outdir: join(work, 'functions'), workflows });
  bundleDirs = new Map(bundle.functions.map((f) => [f.key, f.dir]));
  const workflowCodeDirs = new Map([
    ...bundle.tasks.map((t) => [taskCodeKey(t.workflow, t.state), t.dir] as const),
    ...(bundle.executionStatus ? [[EXECUTION_STATUS_CODE_KEY, bundle.executionStatus.dir] as const] : []),
  ]);
  try {
    synth = synthesize({ operations, codeDirs: bundleDirs, docsCodeDir: bundle.docs.dir, workflows, workflowCodeDirs, work });
  } catch (e) {
    synthError = e;
    return;
  }
  ({ cloud, assembly, templates } = synth);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('registry modules', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s lives at moduleFile(op) and exports handler', async (_, op) => {
    const file = join(PROJECT_ROOT, moduleFile(op));
    expect(existsSync(file), `${moduleFile(op)} missing`).toBe(true);
    const mod = await import(file);
    expect(typeof mod.handler).toBe('function');
    expect(mod.operation).toBe(op);
  });

  it('operation identities (contract, group, operationId) and routes are unique', () => {
    expect(new Set(operations.map(operationKey)).size).toBe(operations.length);
    expect(new Set(operations.map((o) => `${o.method} ${o.path}`)).size).toBe(operations.length);
  });
});

describe('synthesized app', () => {
  it('synthesizes with validation on (cdk-nag and CloudFormation Validate raise no error)', () => {
    expect(synthError === undefined ? '' : String(synthError)).toBe('');
    expect(process.env.CDK_VALIDATION).not.toBe('false');
  });

  it('has no unacknowledged finding from cdk-nag or CloudFormation Validate (errors and warnings)', () => {
    expect(synth?.findings()).toEqual([]);
  });

  it('has no error or warning annotation on any construct', () => {
    const messages = assembly.stacksRecursively.flatMap((s) =>
      s.messages.filter((m) => m.level === 'error' || m.level === 'warning').map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`),
    );
    expect(messages).toEqual([]);
  });

  it('has one Lambda function per registry entry, the docs function, the workflow functions and nothing else', () => {
    const fns = resourcesOf('AWS::Lambda::Function');
    expect(fns).toHaveLength(operations.length + 1 + workflowFunctionCount());
    expect(fns.filter(([name]) => isWorkflowStack(name))).toHaveLength(workflowFunctionCount());
    expect(fns.filter(([, f]) => DOCS_DESCRIPTION.test(f.Properties.Description))).toHaveLength(1);
  });

  it('has one route per registry entry and one per docs route, keyed METHOD path', () => {
    const routeKeys = resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(routeKeys).toHaveLength(operations.length + docsRoutes.length);
    expect(new Set(routeKeys)).toEqual(new Set([...operations.map((o) => `${o.method} ${o.path}`), ...docsRouteKeys]));
  });

  it(`keeps every stack, root or nested, at or below ${MAX_RESOURCES_PER_STACK} resources`, () => {
    const over = [...templates].filter(([, t]) => Object.keys(t.toJSON().Resources ?? {}).length > MAX_RESOURCES_PER_STACK);
    expect(over.map(([n]) => n)).toEqual([]);
  });

  it('groups the functions into one nested stack per API group (or per part of a split group)', () => {
    expect([...cloud.api.groups.keys()].sort()).toEqual([...new Set(operations.map(functionStackId))].sort());
    for (const op of operations) {
      expect(cloud.api.functions.get(operationKey(op))?.node.scope, op.operationId).toBe(cloud.api.groups.get(functionStackId(op)));
    }
  });

  it('declares the single table exactly as shared/data/table.ts says', () => {
    const data = templates.get('OmnistrateData')!;
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [TABLE.byParent, TABLE.byId].map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    data.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { GenerateStringKey: 'seed', PasswordLength: 64 },
    });
  });

  it('runs every function on nodejs24.x arm64 with tracing, its own log group and the data settings', () => {
    const logGroups = new Set<string>();
    for (const [name, fn] of resourcesOf('AWS::Lambda::Function')) {
      if (isWorkflowStack(name)) continue; // tasks read no signing keys: test/infra/workflows.test.ts
      const p = fn.Properties;
      expect(p.Runtime, name).toBe('nodejs24.x');
      expect(p.Architectures, name).toEqual(['arm64']);
      expect(p.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig?.LogGroup, name).toBeDefined();
      logGroups.add(`${name.split('/')[0]}/${p.LoggingConfig.LogGroup.Ref}`);
      if (DOCS_DESCRIPTION.test(p.Description)) {
        // The docs function reads no data: it is told only the clients' base URL.
        expect(Object.keys(p.Environment.Variables).sort(), name).toEqual(['API_URL', 'POWERTOOLS_SERVICE_NAME']);
        continue;
      }
      expect(Object.keys(p.Environment.Variables), name).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'SECRET_ARN', 'MAIL_TRANSPORT', 'MAIL_FROM', 'BLOB_BUCKET']),
      );
      expect(p.Environment.Variables.MAIL_TRANSPORT).toBe('ses');
      // No registry over plain http in AWS (the loopback default is for the local stack and tests).
      expect(p.Environment.Variables.REGISTRY_HTTP_HOSTS, name).toBe('');
    }
    expect(logGroups.size).toBe(operations.length + 1);
    for (const [name, lg] of resourcesOf('AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays, name).toBeGreaterThan(0);
  });

  it('integrates every route with its function using payload format 2.0 (the docs routes share one)', () => {
    const integrations = resourcesOf('AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(operations.length + 1);
    for (const [name, i] of integrations) {
      expect(i.Properties.IntegrationType, name).toBe('AWS_PROXY');
      expect(i.Properties.PayloadFormatVersion, name).toBe('2.0');
    }
  });

  it('logs API access and throttles on the $default stage of every API', () => {
    const root = templates.get('OmnistrateApi')!;
    const stages = Object.values(root.findResources('AWS::ApiGatewayV2::Stage')) as any[];
    expect(stages).toHaveLength(cloud.api.apis.size);
    root.resourcePropertiesCountIs(
      'AWS::ApiGatewayV2::Stage',
      {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      },
      cloud.api.apis.size,
    );
  });

  it('grants each function only what its entry declares', () => {
    for (const op of operations) {
      // function (by its description) → its role → the policies attached to that role, in its group's stack
      const t = templates.get(functionStackId(op))!;
      const [fn] = Object.values(t.findResources('AWS::Lambda::Function')).filter((f: any) =>
        String(f.Properties.Description).startsWith(`${contractOperationId(op)}: ${op.method} ${op.path}`),
      ) as any[];
      expect(fn, op.operationId).toBeDefined();
      const actions = actionsOf(t, fn, op.operationId);
      const perms = new Set(op.permissions ?? []);
      for (const a of TABLE_READ_ACTIONS) expect(actions.has(a), `${op.operationId} ${a}`).toBe(true);
      for (const a of TABLE_WRITE_ACTIONS) expect(actions.has(a), `${op.operationId} ${a}`).toBe(perms.has('table:write'));
      expect(actions.has('ses:SendEmail'), op.operationId).toBe(perms.has('mail:send'));
      expect(actions.has('s3:GetObject'), op.operationId).toBe(perms.has('blob:read'));
      expect(actions.has('s3:PutObject'), op.operationId).toBe(perms.has('blob:write'));
      expect(actions.has('states:StartExecution'), op.operationId).toBe((op.workflows ?? []).length > 0);
      expect(actions.has('secretsmanager:GetSecretValue'), op.operationId).toBe(true);
      for (const a of actions) expect(a.endsWith('*') || a === '*', `${op.operationId} ${a}`).toBe(false);
      expect(actions.has('dynamodb:Scan'), op.operationId).toBe(false);
    }
  });

  it("substitutes every placeholder of each catalog workflow with that task's function (no workflow stack while the catalog is empty)", () => {
    const t = templates.get('OmnistrateWorkflows');
    if (!workflows.length) return expect(t).toBeUndefined();
    const machines = Object.values(t!.findResources('AWS::StepFunctions::StateMachine')) as any[];
    const fns = Object.entries(t!.findResources('AWS::Lambda::Function')) as [string, any][];
    expect(machines).toHaveLength(workflows.length);
    for (const wf of workflows) {
      const m = machines.find((x) => x.Properties.StateMachineName.endsWith(`-${wf.name}`));
      expect(m, wf.name).toBeDefined();
      const subs = m.Properties.DefinitionSubstitutions as Record<string, any>;
      expect(Object.keys(subs).sort(), wf.name).toEqual(wf.tasks.map((task) => placeholderOf(task.state)).sort());
      for (const task of wf.tasks) {
        const [fnId] = fns.find(([, f]) => String(f.Properties.Description).startsWith(`${wf.name}/${task.state}:`)) ?? [];
        expect(subs[placeholderOf(task.state)], `${wf.name} ${task.state}`).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
        // A task that declares the workflows it starts (the orchestration's steps) may start exactly those.
        const fn = fns.find(([id]) => id === fnId)![1];
        const actions = actionsOf(t!, fn, `${wf.name} ${task.state}`);
        expect(actions.has('states:StartExecution'), `${wf.name} ${task.state}`).toBe((task.task.workflows ?? []).length > 0);
        for (const w of task.task.workflows ?? []) expect(JSON.stringify(fn.Properties.Environment.Variables), `${wf.name} ${task.state}`).toContain(`omnistrate-${w}`);
      }
    }
  });

  it('lets the docs function write its logs and traces, nothing else (it reads no table, secret or bucket)', () => {
    const root = templates.get('OmnistrateApi')!;
    const [fn] = Object.values(root.findResources('AWS::Lambda::Function')).filter((f: any) =>
      DOCS_DESCRIPTION.test(f.Properties.Description),
    );
    expect([...actionsOf(root, fn, 'docs')].sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});

describe('bundles', () => {
  it('holds neither the local workflow runner nor the ASL validator in any bundle', () => {
    const offending = Object.entries(bundle.metafile.outputs).flatMap(([out, o]) =>
      Object.keys(o.inputs)
        .filter((i) => /node_modules\/(aws-local-stepfunctions|asl-validator)\//.test(i))
        .map((i) => `${out} ← ${i}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the median operation bundle under 300 KB (the docs bundle is one function and apart)', () => {
    const sizes = bundle.functions.map((f) => f.bytes).sort((a, b) => a - b);
    expect(sizes[sizes.length >> 1]).toBeLessThan(300 * 1024);
    expect(bundle.functions.some((f) => f.dir === bundle.docs.dir)).toBe(false);
  });

  it('puts the docs handler and exactly the swagger-ui-dist files it reads in the docs asset', () => {
    expect(readdirSync(bundle.docs.dir).sort()).toEqual(['index.mjs', 'node_modules']);
    const copied = join(bundle.docs.dir, 'node_modules', 'swagger-ui-dist');
    expect(readdirSync(copied).sort()).toEqual([...DOCS_PACKAGE_FILES].sort());
    for (const file of ['package.json', ...Object.keys(ASSETS)]) {
      expect(DOCS_PACKAGE_FILES, file).toContain(file);
      expect(readFileSync(join(copied, file)).equals(readFileSync(join(swaggerUiDir(), file))), file).toBe(true);
    }
  });
});

describe('bundled functions', () => {
  const event = (method: string, path: string, headers: Record<string, string>, pathParameters?: Record<string, string>) => ({
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    pathParameters,
    isBase64Encoded: false,
    requestContext: { requestId: 'bundle-test', http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' } },
  });
  const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 28_000 };

  it('run as deployed: a public one answers from the bundle alone', async () => {
    const op = operations.find((o) => o.operationId === 'registrationServiceHealth')!;
    const { handler } = await import(join(bundleDirs.get(operationKey(op))!, 'index.mjs'));
    const res = await handler(event(op.method, op.path, {}), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'RUNNING' });
  });

  it('run as deployed: an authenticated one verifies the JWT, checks the session and reads the table', async (ctx) => {
    const op = operations.find((o) => o.operationId === 'DescribeService');
    if (!op) return ctx.skip();
    const session = await testSession('reader');
    const { handler } = await import(join(bundleDirs.get(operationKey(op))!, 'index.mjs'));
    const headers = { authorization: `Bearer ${session.token}` };
    const missing = await handler(event(op.method, op.path, headers, { id: 's-doesnotexist' }), context);
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ name: 'not_found' });
    const anonymous = await handler(event(op.method, op.path, {}, { id: 's-doesnotexist' }), context);
    expect(anonymous.statusCode).toBe(401);
  });

  it('run as deployed: the docs function serves /docs, /openapi.json and the assets from its bundle alone', async () => {
    const mod = await import(join(bundle.docs.dir, 'index.mjs'));
    // The files come from the copy beside the bundle, not from the project's node_modules.
    expect(mod.swaggerUiDir()).toBe(join(bundle.docs.dir, 'node_modules', 'swagger-ui-dist'));
    expect(mod.swaggerUiDir().startsWith(PROJECT_ROOT + sep)).toBe(false);
    const get = (path: string, headers: Record<string, string> = {}) =>
      mod.handler(event('GET', path, { host: 'abc123.execute-api.us-east-1.amazonaws.com', 'x-forwarded-proto': 'https', ...headers }));

    const page = await get('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('/openapi.json');

    const previous = process.env.API_URL;
    process.env.API_URL = 'https://api.example.com';
    try {
      const doc = await get('/openapi.json');
      expect(doc.statusCode).toBe(200);
      const json = JSON.parse(doc.body);
      expect(json.openapi).toMatch(/^3\./);
      // Behind CloudFront the Host is API Gateway's: the document names the clients' host instead.
      expect(json.servers).toEqual([{ url: 'https://api.example.com' }]);
      const paths = Object.entries(json.paths as Record<string, Record<string, { operationId: string }>>);
      const ids = new Set(paths.flatMap(([, methods]) => Object.values(methods).map((m) => m.operationId)));
      expect(ids).toEqual(new Set(operations.filter((o) => contractOf(o.path) === 'registration').map(contractOperationId)));
    } finally {
      if (previous === undefined) delete process.env.API_URL;
      else process.env.API_URL = previous;
    }

    const original = readFileSync(join(swaggerUiDir(), 'swagger-ui.css'));
    const css = await get('/docs/swagger-ui.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(Buffer.from(css.body, css.isBase64Encoded ? 'base64' : 'utf8').equals(original)).toBe(true);
    const gzipped = await get('/docs/swagger-ui.css', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(gzipped.body, 'base64')).equals(original)).toBe(true);

    const icon = await get('/docs/favicon-32x32.png');
    expect(icon.statusCode).toBe(200);
    expect(icon.isBase64Encoded).toBe(true);
    expect(Buffer.from(icon.body, 'base64').equals(readFileSync(join(swaggerUiDir(), 'favicon-32x32.png')))).toBe(true);

    // Only the listed files: nothing else of the bundle (or the file system) is reachable.
    for (const path of ['/docs/package.json', '/docs/LICENSE', '/docs/../index.mjs', '/docs/index.html']) {
      expect((await get(path)).statusCode, path).toBe(404);
    }
  });
});

describe('the CloudFormation validation that ships with aws-cdk-lib', () => {
  it('is active and catches a broken template (so a clean report above means something)', () => {
    const app = new App({ outdir: join(work, 'canary'), context: { ...FEATURE_FLAGS } });
    const stack = new Stack(app, 'Canary');
    new CfnResource(stack, 'Broken', { type: 'AWS::Lambda::Function', properties: { Runtime: 'nodejs24.x' } });
    expect(() => app.synth()).toThrow(/CloudFormation Validate/);
    const report = JSON.parse(readFileSync(join(work, 'canary', 'validation-report.json'), 'utf8'));
    expect(JSON.stringify(report)).toContain("'Code' is a required property");
  });
});
