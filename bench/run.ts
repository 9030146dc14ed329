/**
 * `npm run bench`: what the handler stack costs, and what the deployed bundles weigh.
 *
 * 1. DescribeService through the full Middy handler (logger, normalizers, security headers, CORS, body
 *    parsing, JWT verification + session check, zod, repository, response shaping) against DynamoDB Local,
 *    versus a bare document-client GetItem of the same service item: p50/p99 and the ratio.
 * 2. The minified bundle of every function (one esbuild build, as `npm run synth` makes it), with the
 *    AWS SDK left to the runtime (the deployed choice) and bundled (the alternative), for comparison.
 * 3. Module init time of the largest bundle in fresh Node processes (median of 5), both variants.
 *
 * 4. The scale benchmark (bench/scale.ts): reads and creates at small vs large collections.
 *
 * Targets: handler p50 within 1.5× of GetItem, median bundle < 300 KB, init < 150 ms, and the scale targets.
 * 5. The resource-instance benchmarks (bench/instances.bench.test.ts, under vitest on the test setup; every
 *    bench/*.bench.test.ts runs with them: metering, services orchestration).
 *
 * BENCH_ONLY=handler runs parts 1–3, BENCH_ONLY=scale part 4, BENCH_ONLY=instances part 5,
 * BENCH_ONLY=orchestration the services-orchestration benchmark alone (bench/orchestration.bench.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { apiGatewayEvent, lambdaContext } from '#shared/http/event.ts';
import { withBenchTable } from './table.ts';
import { bundleFunctions, PROJECT_ROOT, type FunctionBundle } from '#infra/bundle.ts';
import { kb, mean, median, ms, percentile, sorted, table, verdict } from './report.ts';
import { benchScale } from './scale.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 600);
const WARMUP = 50;
const INIT_RUNS = 5;
const TABLE = 'omnistrate-bench';

interface Latencies {
  operationId: string;
  /** DescribeService through the whole Middy handler. */
  handler: number[];
  /** Bare GetItem of the service item. */
  getItem: number[];
  /** The reads DescribeService makes (session BatchGet, service-tree Query, org GetItem), in parallel, no handler. */
  ownReads: number[];
  /** A public operation with no data access through the same handler stack: the stack's own cost. */
  noDataHandler: number[];
}

function benchHandler(): Promise<Latencies> {
  // The project's modules are imported inside: the environment is set before they load.
  return withBenchTable(TABLE, async () => {
    const [{ createOrgWithUser }, { getOrg }, { issueToken, verifyToken }, { confirmSession }, health, ids, services, { db }, { keys }, { GetCommand }, describe] =
      await Promise.all([
        import('../test/support/session.ts'),
        import('#shared/data/entities/org.ts'),
        import('#shared/auth/jwt.ts'),
        import('#shared/auth/authenticate.ts'),
        import('#functions/global/registration-service-health.ts'),
        import('#shared/domain/ids.ts'),
        import('#shared/use-cases/service.ts'),
        import('#shared/data/client.ts'),
        import('#shared/data/keys.ts'),
        import('@aws-sdk/lib-dynamodb'),
        import('#functions/service/describe-service.ts'),
      ]);

    const orgId = ids.newId(ids.ID_PREFIX.org);
    const userId = ids.newId(ids.ID_PREFIX.user);
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    await createOrgWithUser(
      { orgId, name: 'Bench Org', description: '', url: '', legalCompanyName: 'Bench Org', serviceProviderId: ids.newId(ids.ID_PREFIX.serviceProvider) },
      { userId, orgId, email, name: 'Bench User', role: 'root', status: 'ACTIVE', passwordHash: 'unusable' },
    );
    const token = await issueToken({ userId, orgId, role: 'root', email });
    const service = await services.createService(orgId, { name: 'Bench Service', description: 'measured' });

    const op = describe.operation;
    const path = op.path.replace('{id}', service.serviceId);
    const event = (op: { method: string; path: string }, path: string, pathParameters?: Record<string, string>) =>
      apiGatewayEvent({
        method: op.method,
        path,
        routeKey: `${op.method} ${op.path}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: 'bench', 'user-agent': 'bench' },
        pathParameters,
        accountId: 'bench',
        apiId: 'bench',
        domainName: 'bench',
      });
    // Middy times out early from getRemainingTimeInMillis: a fresh context per call, like a fresh invocation.
    const context = () => lambdaContext(op.operationId, 'bench', 28_000);
    const callHandler = async () => {
      const res = await describe.handler(event(op, path, { id: service.serviceId }), context());
      if (res.statusCode !== 200) throw new Error(`DescribeService answered ${res.statusCode}: ${res.body}`);
    };
    const callNoDataHandler = async () => {
      const res = await health.handler(event(health.operation, health.operation.path), context());
      if (res.statusCode !== 200) throw new Error(`health answered ${res.statusCode}`);
    };
    const caller = await verifyToken(token);
    const ownReads = () =>
      Promise.all([confirmSession(caller), services.describeService({ orgId, role: 'root' }, service.serviceId), getOrg(orgId)]);
    const getItem = async () => {
      const out = await db().send(new GetCommand({ TableName: TABLE, Key: keys.service(service.serviceId) }));
      if (!out.Item) throw new Error('service item missing');
    };

    const series = { handler: callHandler, getItem, ownReads, noDataHandler: callNoDataHandler };
    const out = { handler: [] as number[], getItem: [] as number[], ownReads: [] as number[], noDataHandler: [] as number[] };
    for (let i = 0; i < WARMUP; i++) for (const f of Object.values(series)) await f();
    // Interleaved, so drift in DynamoDB Local (JIT, GC, other load on the machine) hits every series alike.
    for (let i = 0; i < CALLS; i++) {
      for (const [name, f] of Object.entries(series)) {
        const t = performance.now();
        await f();
        out[name as keyof typeof out].push(performance.now() - t);
      }
    }
    return { ...out, operationId: op.operationId };
  });
}

function initTime(file: string): number {
  const runs: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    runs.push(Number(out.toString().trim()));
  }
  return median(runs);
}

const largest = (fns: FunctionBundle[]) => fns.reduce((a, b) => (b.bytes > a.bytes ? b : a));

const ONLY = process.env.BENCH_ONLY;
if (ONLY && !['handler', 'scale', 'instances', 'orchestration'].includes(ONLY)) throw new Error(`BENCH_ONLY must be handler, scale, instances or orchestration, not ${ONLY}`);
const targets: string[][] = [];

async function handlerPart(): Promise<void> {
  const { operations } = await import('#functions/registry.ts');

  console.log(`Benchmarking ${CALLS} calls (after ${WARMUP} warm-up) on DynamoDB Local…`);
  const latency = await benchHandler();
  const hs = sorted(latency.handler);
  const gs = sorted(latency.getItem);
  const os = sorted(latency.ownReads);
  const ns = sorted(latency.noDataHandler);
  const ratio = percentile(hs, 50) / percentile(gs, 50);

  console.log('Bundling every function twice (SDK external = deployed; SDK bundled = alternative)…');
  const benchDir = join(PROJECT_ROOT, '.bench');
  const external = await bundleFunctions(operations, { outdir: join(benchDir, 'functions'), externalSdk: true });
  const bundled = await bundleFunctions(operations, { outdir: join(benchDir, 'functions-sdk-bundled'), externalSdk: false });
  const sizes = (fns: FunctionBundle[]) => fns.map((f) => f.bytes).sort((a, b) => a - b);
  const extSizes = sizes(external.functions);
  const bunSizes = sizes(bundled.functions);
  const extLargest = largest(external.functions);
  // The SDK-bundled twin of the largest deployed function, so both init times are of the same code.
  const bunTwin = bundled.functions.find((f) => f.operationId === extLargest.operationId)!;

  console.log('Measuring module init in fresh processes…');
  const extInit = initTime(join(extLargest.dir, 'index.mjs'));
  const bunInit = initTime(join(bunTwin.dir, 'index.mjs'));

  table(
    `Latency: ${latency.operationId} through the full Middy handler vs bare GetItem (${CALLS} calls each)`,
    ['', 'p50', 'p99', 'mean'],
    [
      ['DescribeService handler (Middy + JWT + session + zod + repository)', ms(percentile(hs, 50)), ms(percentile(hs, 99)), ms(mean(hs))],
      ['bare GetItem of the service item (document client)', ms(percentile(gs, 50)), ms(percentile(gs, 99)), ms(mean(gs))],
      ['its 3 reads bare, in parallel (session BatchGet, tree Query, org GetItem)', ms(percentile(os, 50)), ms(percentile(os, 99)), ms(mean(os))],
      ['public no-data handler through the same stack (middleware cost)', ms(percentile(ns, 50)), ms(percentile(ns, 99)), ms(mean(ns))],
      ['ratio handler / bare GetItem', `${ratio.toFixed(2)}×`, `${(percentile(hs, 99) / percentile(gs, 99)).toFixed(2)}×`, ''],
      ['ratio handler / its own reads bare', `${(percentile(hs, 50) / percentile(os, 50)).toFixed(2)}×`, `${(percentile(hs, 99) / percentile(os, 99)).toFixed(2)}×`, ''],
    ],
  );

  table(
    `Bundle sizes, minified (${operations.length} functions)`,
    ['variant', 'median', 'max', 'largest function'],
    [
      ['SDK external (deployed)', kb(extSizes[extSizes.length >> 1]), kb(extSizes[extSizes.length - 1]), extLargest.operationId],
      ['SDK bundled', kb(bunSizes[bunSizes.length >> 1]), kb(bunSizes[bunSizes.length - 1]), largest(bundled.functions).operationId],
    ],
  );
  table(
    'Largest deployed bundles',
    ['function', 'size'],
    [...external.functions]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((f) => [`${f.operationId} (${relative(PROJECT_ROOT, f.dir)})`, kb(f.bytes)]),
  );
  table(
    `Module init of the largest bundle, ${extLargest.operationId} (median of ${INIT_RUNS} fresh processes, node ${process.version})`,
    ['variant', 'size', 'init'],
    [
      ['SDK external (deployed; SDK resolved from node_modules)', kb(extLargest.bytes), ms(extInit)],
      ['SDK bundled', kb(bunTwin.bytes), ms(bunInit)],
    ],
  );

  const medianKb = extSizes[extSizes.length >> 1] / 1024;
  targets.push(
    ['handler p50 ≤ 1.5× GetItem p50', `${ratio.toFixed(2)}×`, verdict(ratio <= 1.5)],
    ['median bundle < 300 KB', `${medianKb.toFixed(0)} KB`, verdict(medianKb < 300)],
    ['init of largest bundle < 150 ms', ms(extInit), verdict(extInit < 150)],
  );
}

if (!ONLY || ONLY === 'handler') await handlerPart();
if (!ONLY || ONLY === 'scale') {
  console.log(`\nScale benchmark (${process.env.BENCH_SCALE_CALLS ?? 200} measured calls per cheap series)…`);
  targets.push(...(await benchScale()).targets);
}
if (!ONLY || ONLY === 'instances') {
  console.log('\nResource-instance benchmarks (vitest, simulated driver at zero delay)…');
  execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'bench/vitest.instances.config.ts'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}
if (ONLY === 'orchestration') {
  console.log('\nServices-orchestration benchmark (vitest, simulated driver at zero delay)…');
  execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'bench/vitest.instances.config.ts', 'bench/orchestration.bench.test.ts'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}
if (targets.length) table('Targets', ['target', 'measured', 'verdict'], targets);
