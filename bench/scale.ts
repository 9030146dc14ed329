/**
 * The scale part of `npm run bench` (BENCH_ONLY=scale runs it alone): does what a call costs stay flat when the
 * collection around it grows? Everything is measured through the real Middy handlers (the `handler` export of
 * `functions/<group>/<op>.ts`, called with an API Gateway event from shared/http/event.ts) against DynamoDB
 * Local; the data is seeded through the use-case functions directly, 8 at a time.
 *
 * 1. Read latency, small vs large collection around the call: ListResources (a tier's resources),
 *    ListInputParameter (a resource's input parameters), DescribeService (10 vs 10,000 resources in the
 *    service's partition, with their change records and guards), ListService (an org's services) and
 *    DescribeUsersByOrg (an org's members). Collections with a per-parent limit below 10,000 are measured at
 *    the limit.
 * 2. Create cost, few vs many siblings: CreateResource (10 vs 3,000 resources in the tier) and
 *    CreateServiceEnvironment (10 vs the per-service limit). Each measured create is undone (outside the
 *    timing) so the sibling count stays what the row says.
 *
 * Series of one operation are interleaved (small, large, small, …) so drift hits both alike.
 * Targets: create at the large count ≤ 1.5× the small one; a read at the large count ≤ 1.5× the small one.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#shared/http/event.ts';
import { withBenchTable } from './table.ts';
import { mean, ms, percentile, sorted, table, times, verdict } from './report.ts';

const TABLE = 'omnistrate-bench-scale';
/** Measured calls of the cheap series (after a tenth as many warm-up calls); the full-answer reads make fewer. */
const CALLS = Number(process.env.BENCH_SCALE_CALLS ?? 200);
/** The "large" partition of DescribeService (and the wish for every large collection). */
const LARGE = Number(process.env.BENCH_SCALE_LARGE ?? 10_000);
const CREATE_SIBLINGS = Number(process.env.BENCH_SCALE_SIBLINGS ?? 3_000);
const SMALL = 10;
const WIDTH = 8;

interface Handler {
  operation: { operationId: string; method: string; path: string };
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
}

interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** One handler call as API Gateway would make it; throws unless 200. Answers the response body. */
async function call(h: Handler, token: string, input: CallInput = {}): Promise<string> {
  const op = h.operation;
  const path = op.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(input.params?.[n] ?? ''));
  const event = apiGatewayEvent({
    method: op.method,
    path,
    routeKey: `${op.method} ${op.path}`,
    query: input.query,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: 'bench', 'user-agent': 'bench' },
    pathParameters: input.params,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    accountId: 'bench',
    apiId: 'bench',
    domainName: 'bench',
  });
  // A fresh context per call, like a fresh invocation (Middy times out from getRemainingTimeInMillis).
  const res = await h.handler(event, lambdaContext(op.operationId, 'bench', 28_000));
  if (res.statusCode !== 200) throw new Error(`${op.operationId} answered ${res.statusCode}: ${res.body?.slice(0, 500)}`);
  return res.body ?? '';
}

/** Runs `f` for 0..n-1, `WIDTH` at a time. */
async function pool(n: number, f: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(WIDTH, n) }, async () => {
      while (next < n) await f(next++);
    }),
  );
}

const pad = (i: number) => String(i).padStart(5, '0');
const tag = () => randomBytes(5).toString('hex');

/** One measured side of a comparison: `run` is timed, `after` (an undo) is not. */
interface Side {
  label: string;
  run: () => Promise<string>;
  after?: () => Promise<void>;
}

interface Comparison {
  operation: string;
  kind: 'read' | 'create';
  small: Side;
  large: Side;
  calls: number;
  warmup: number;
  note?: string;
}

interface Measured {
  c: Comparison;
  small: number[];
  large: number[];
  smallBytes: number;
  largeBytes: number;
}

async function measure(c: Comparison): Promise<Measured> {
  const out = { small: [] as number[], large: [] as number[], smallBytes: 0, largeBytes: 0 };
  const once = async (side: Side, into?: number[]) => {
    const t = performance.now();
    const body = await side.run();
    const dt = performance.now() - t;
    await side.after?.();
    into?.push(dt);
    return body.length;
  };
  for (let i = 0; i < c.warmup; i++) {
    await once(c.small);
    await once(c.large);
  }
  for (let i = 0; i < c.calls; i++) {
    out.smallBytes = await once(c.small, out.small);
    out.largeBytes = await once(c.large, out.large);
  }
  return { c, ...out };
}

export interface ScaleResult {
  /** Rows of the Targets table: target, measured, verdict. */
  targets: string[][];
}

export function benchScale(): Promise<ScaleResult> {
  return withBenchTable(TABLE, run);
}

async function run(): Promise<ScaleResult> {
  const [
    { createOrgWithUser, addUserToOrg },
    { issueToken },
    ids,
    services,
    environments,
    apis,
    models,
    tiers,
    resources,
    inputParameters,
    resourceEntity,
    { MAX_PARAMETERS_PER_RESOURCE },
    { ORG_MEMBER_LIMIT },
    serviceEntity,
    schemas,
    store,
    { resourceChange },
    userEntity,
    orgEntity,
    { keys },
  ] = await Promise.all([
    import('../test/support/session.ts'),
    import('#shared/auth/jwt.ts'),
    import('#shared/domain/ids.ts'),
    import('#shared/use-cases/service.ts'),
    import('#shared/use-cases/service-environment.ts'),
    import('#shared/use-cases/service-api.ts'),
    import('#shared/use-cases/service-model.ts'),
    import('#shared/use-cases/product-tier.ts'),
    import('#shared/use-cases/resource/resource.ts'),
    import('#shared/use-cases/input-parameter.ts'),
    import('#shared/data/entities/resource.ts'),
    import('#shared/data/entities/parameter.ts'),
    import('#shared/data/entities/org.ts'),
    import('#shared/data/entities/service.ts'),
    Promise.all([
      import('#shared/schemas/service-model.ts'),
      import('#shared/schemas/product-tier.ts'),
      import('#shared/schemas/resource.ts'),
      import('#shared/schemas/input-parameter.ts'),
      import('#shared/schemas/service-api.ts'),
    ]),
    import('#shared/data/store.ts'),
    import('#shared/use-cases/resource/change.ts'),
    import('#shared/data/entities/user.ts'),
    import('#shared/data/entities/org.ts'),
    import('#shared/data/keys.ts'),
  ]);
  const { MAX_RESOURCES_PER_TIER } = resourceEntity;
  const [modelSchemas, tierSchemas, resourceSchemas, ipSchemas, apiSchemas] = schemas;
  const h = {
    listResources: (await import('#functions/resource/list-resources.ts')) as Handler,
    createResource: (await import('#functions/resource/create-resource.ts')) as Handler,
    listInputParameter: (await import('#functions/input-parameter/list-input-parameter.ts')) as Handler,
    describeService: (await import('#functions/service/describe-service.ts')) as Handler,
    listService: (await import('#functions/service/list-service.ts')) as Handler,
    describeUsersByOrg: (await import('#functions/users/describe-users-by-org.ts')) as Handler,
    createServiceEnvironment: (await import('#functions/service-environment/create-service-environment.ts')) as Handler,
  };

  const TIER_LIMIT = MAX_RESOURCES_PER_TIER;
  const PARAM_LIMIT = MAX_PARAMETERS_PER_RESOURCE;
  const MEMBER_LIMIT = ORG_MEMBER_LIMIT;
  const ENV_LIMIT = serviceEntity.SERVICE_LIMITS.environments;
  const serviceTouchOf = serviceEntity.serviceTouch;
  const tierResources = Math.min(LARGE, TIER_LIMIT);
  const params = Math.min(LARGE, PARAM_LIMIT);
  const members = Math.min(LARGE, MEMBER_LIMIT);
  const envSiblings = ENV_LIMIT - 1; // one more must still fit
  const createSiblings = Math.min(CREATE_SIBLINGS, TIER_LIMIT - 1);

  // ------------------------------------------------------------------------------------------- seeding
  const seedStart = performance.now();
  let transactions = 0;
  const counted = <T>(p: Promise<T>) => p.then((x) => (transactions++, x));

  async function org(name: string) {
    const orgId = ids.newId(ids.ID_PREFIX.org);
    const userId = ids.newId(ids.ID_PREFIX.user);
    const email = `bench-${tag()}@example.com`;
    await createOrgWithUser(
      { orgId, name, description: '', url: '', legalCompanyName: name, serviceProviderId: ids.newId(ids.ID_PREFIX.serviceProvider) },
      { userId, orgId, email, name: 'Bench Root', role: 'root', status: 'ACTIVE', passwordHash: 'unusable' },
    );
    const token = await issueToken({ userId, orgId, role: 'root', email });
    const caller = { userId, orgId, role: 'root' as const, email, jti: 'bench', exp: Math.floor(Date.now() / 1000) + 3600 };
    return { orgId, token, caller };
  }
  type Org = Awaited<ReturnType<typeof org>>;

  /** A service with one environment, its API and a hosted model, and `tierCount` tiers under the model. */
  async function serviceTree(o: Org, name: string, tierCount: number) {
    const service = await services.createService(o.orgId, { name, description: 'bench' });
    const serviceId = service.serviceId;
    const environmentId = await environments.createServiceEnvironment(o.orgId, serviceId, { name: 'Dev', description: '', type: 'DEV', deploymentConfigId: 'default' });
    const serviceApiId = await apis.createServiceAPI(o.caller, { serviceId }, apiSchemas.CreateServiceAPIRequest.parse({ description: 'api', serviceEnvironmentId: environmentId }));
    const serviceModelId = await models.createServiceModel(
      o.caller,
      { serviceId },
      modelSchemas.CreateServiceModelRequest.parse({ serviceApiId, name: 'Hosted', description: 'model', modelType: 'OMNISTRATE_HOSTED' }),
    );
    const tierIds: string[] = [];
    for (let t = 0; t < tierCount; t++) {
      tierIds.push(
        await tiers.createProductTier(
          o.caller,
          { serviceId },
          tierSchemas.CreateProductTierRequest.parse({ serviceModelId, name: `Tier ${t}`, description: '', planDescription: 'plan', tierType: 'OMNISTRATE_DEDICATED_TENANCY' }),
        ),
      );
    }
    return { serviceId, tierIds };
  }

  const resourceInput = (productTierId: string, name: string) =>
    resourceSchemas.CreateResourceRequest.parse({ name, description: 'A seeded component of the bench.', productTierId });
  /**
   * Adds resources `from`..`to`-1 (names numbered) to the tier. The first of a tier goes through
   * createResource; the rest are copies of it committed in plans of 24 (each with its two guards and its change
   * record, as createResource writes them, the tier counter counting them and a service touch): DynamoDB Local
   * takes ~15 ms per transaction, so one create per resource would take minutes at 10,000.
   */
  async function fillTier(o: Org, serviceId: string, productTierId: string, from: number, to: number) {
    const nameOf = (i: number) => `Component ${productTierId.slice(-4)} ${pad(i)}`;
    let start = from;
    if (start === 0 && to > 0) {
      await counted(resources.createResource(o.caller, serviceId, resourceInput(productTierId, nameOf(0))));
      start = 1;
    }
    if (start >= to) return;
    const first = (await resourceEntity.resourcesOfTier(serviceId, productTierId))[0];
    const { version: _v, createdAt: _c, updatedAt: _u, gsi1pk: _p, gsi1sk: _s, ...template } = first as typeof first & { gsi1pk?: string; gsi1sk?: string };
    const PER_PLAN = 24;
    const plans: number[][] = [];
    for (let i = start; i < to; i += PER_PLAN) plans.push(Array.from({ length: Math.min(PER_PLAN, to - i) }, (_, j) => i + j));
    // One plan at a time per tier: they all count on the tier and touch the service.
    for (const batch of plans) {
      const items = batch.map((i) => {
        const resourceId = ids.newLowerId(ids.ID_PREFIX.resource);
        const name = nameOf(i);
        const stamped = store.stamp({ ...template, ...resourceEntity.resourceKey(serviceId, resourceId), resourceId, name, key: `component${productTierId.slice(-4)}${pad(i)}` });
        return { ...stamped, ...resourceEntity.resourceListing(serviceId, productTierId, stamped.createdAt, resourceId) };
      });
      const counter = resourceEntity.tierResourceCounter(o.orgId, serviceId, productTierId, 1);
      await counted(
        store.withRetry(() =>
          store.commit({
            puts: items.map((item) => ({ item })),
            counters: [{ ...counter, add: { resourceCount: items.length } }],
            touches: [serviceTouchOf(o.orgId, serviceId)],
            guardsAdd: items.flatMap((item) =>
              [resourceEntity.resourceNameGuard(serviceId, productTierId, item.name, item.resourceId), resourceEntity.resourceKeyGuard(serviceId, productTierId, item.key, item.resourceId)].map(
                (guard) => ({ guard, owner: item }),
              ),
            ),
            appends: items.map((item) => resourceChange(o.caller, item, 'NEW')),
          }),
        ),
      );
    }
  }

  /** `n` services in the org, as createService writes them (item, name and key guards), 30 to a plan, 8 plans at a time. */
  async function addServices(o: Org, n: number) {
    const PER_PLAN = 30;
    await pool(Math.ceil(n / PER_PLAN), async (p) => {
      const items = Array.from({ length: Math.min(PER_PLAN, n - p * PER_PLAN) }, (_, j) => {
        const i = p * PER_PLAN + j;
        const serviceId = ids.newId(ids.ID_PREFIX.service);
        const stored = store.stamp({ ...keys.service(serviceId), entity: 'service' as const, serviceId, orgId: o.orgId, name: `Service ${pad(i)}`, key: `service${pad(i)}`, description: 'seeded', serviceLogoURL: '' });
        return { ...stored, ...keys.serviceListing(o.orgId, stored.createdAt, serviceId) };
      });
      await counted(
        store.withRetry(() =>
          store.commit({
            puts: items.map((item) => ({ item })),
            guardsAdd: items.flatMap((item) => [
              { guard: serviceEntity.serviceNameGuard(o.orgId, item.name, item.serviceId), owner: item },
              { guard: serviceEntity.serviceKeyGuard(o.orgId, item.key, item.serviceId), owner: item },
            ]),
          }),
        ),
      );
    });
  }

  /** `n` ACTIVE members of the org, as addUserToOrg writes them (user, email guard, member count), 45 to a plan. */
  async function addMembers(o: Org, n: number) {
    const PER_PLAN = 45;
    for (let p = 0; p * PER_PLAN < n; p++) {
      const users = Array.from({ length: Math.min(PER_PLAN, n - p * PER_PLAN) }, () =>
        userEntity.newUserItem({ userId: ids.newId(ids.ID_PREFIX.user), orgId: o.orgId, email: `m-${tag()}@example.com`, name: 'Bench Member', role: 'reader', status: 'ACTIVE', passwordHash: 'unusable' }),
      );
      await counted(store.withRetry(() => store.commit({ puts: users.map((item) => ({ item })), guardsAdd: users.map((u) => userEntity.emailGuard(u)), counters: [orgEntity.memberCounter(o.orgId, users.length)] })));
    }
  }

  console.log('Seeding (use cases called directly, or plans of their items committed in bulk)…');
  const [small, large, usersLarge, listSmall, listLarge] = await Promise.all([
    org('Bench Small'),
    org('Bench Large'),
    org('Bench Members'),
    org('Bench Few Services'),
    org('Bench Many Services'),
  ]);

  // DescribeService / ListResources / CreateResource: a small service (10 resources in one tier) and a large
  // one (LARGE resources spread over tiers of at most the per-tier limit).
  const largeTierCount = Math.ceil(LARGE / TIER_LIMIT);
  const [smallTree, largeTree] = await Promise.all([serviceTree(small, 'Small Service', 1), serviceTree(large, 'Large Service', largeTierCount)]);
  await fillTier(small, smallTree.serviceId, smallTree.tierIds[0], 0, SMALL);
  // The last tier is filled to the create-cost sibling count first; the creates are measured there before
  // it (and the others) are filled up.
  const createTier = largeTree.tierIds[largeTierCount - 1];
  const createTierFinal = LARGE - TIER_LIMIT * (largeTierCount - 1);
  await fillTier(large, largeTree.serviceId, createTier, 0, createSiblings);
  console.log(`  ${createSiblings} resources in one tier (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);

  // CreateServiceEnvironment: 10 vs ENV_LIMIT - 1 environments (the tree's Dev counts).
  const [envSmall, envLarge] = await Promise.all([services.createService(small.orgId, { name: 'Env Few', description: '' }), services.createService(large.orgId, { name: 'Env Many', description: '' })]);
  const addEnvs = (o: Org, serviceId: string, n: number) =>
    pool(n, (i) => counted(environments.createServiceEnvironment(o.orgId, serviceId, { name: `Env ${pad(i)}`, description: '', type: 'QA', deploymentConfigId: 'default' })));
  await Promise.all([addEnvs(small, envSmall.serviceId, SMALL), addEnvs(large, envLarge.serviceId, envSiblings)]);

  // ----------------------------------------------------------------------------- create cost (part 2)
  const creates: Measured[] = [];
  const resourceCreate = (o: Org, serviceId: string, productTierId: string, label: string): Side => {
    let id = '';
    return {
      label,
      run: async () => {
        const body = await call(h.createResource, o.token, { params: { serviceId }, body: { name: `Bench ${tag()}`, description: 'measured', productTierId } });
        id = JSON.parse(body) as string;
        return body;
      },
      after: () => resources.deleteResource(o.caller, serviceId, id),
    };
  };
  const envCreate = (o: Org, serviceId: string, label: string): Side => {
    let id = '';
    return {
      label,
      run: async () => {
        const body = await call(h.createServiceEnvironment, o.token, { params: { serviceId }, body: { name: `Bench ${tag()}`, description: 'measured', type: 'DEV', deploymentConfigId: 'default' } });
        id = JSON.parse(body) as string;
        return body;
      },
      after: () => environments.deleteServiceEnvironment(o.orgId, serviceId, id),
    };
  };
  console.log('Measuring creates…');
  creates.push(
    await measure({
      operation: 'CreateResource',
      kind: 'create',
      small: resourceCreate(small, smallTree.serviceId, smallTree.tierIds[0], `${SMALL} resources in the tier`),
      large: resourceCreate(large, largeTree.serviceId, createTier, `${createSiblings.toLocaleString('en')} resources in the tier`),
      calls: CALLS,
      warmup: CALLS / 10,
    }),
    await measure({
      operation: 'CreateServiceEnvironment',
      kind: 'create',
      small: envCreate(small, envSmall.serviceId, `${SMALL} environments in the service`),
      large: envCreate(large, envLarge.serviceId, `${envSiblings} environments (limit ${ENV_LIMIT}: the ${ENV_LIMIT}th is created)`),
      calls: CALLS,
      warmup: CALLS / 10,
      note: `per-service environment limit ${ENV_LIMIT}`,
    }),
  );

  // --------------------------------------------------------------------------------- the rest of the data
  const seedMore = performance.now();
  const addParams = (o: Org, serviceId: string, resourceId: string, n: number) =>
    pool(n, (i) =>
      counted(
        inputParameters.createInputParameter(
          o.caller,
          serviceId,
          ipSchemas.CreateInputParameterRequest.parse({ resourceId, key: `param${pad(i)}`, name: `Parameter ${i}`, description: 'seeded', type: 'String', required: false, modifiable: true }),
        ),
      ),
    );
  // Independent items, seeded side by side (a tier's plans go one at a time: they share the tier and service items).
  const [, [smallOwner, largeOwner]] = await Promise.all([
    (async () => {
      await fillTier(large, largeTree.serviceId, createTier, createSiblings, createTierFinal);
      for (const t of largeTree.tierIds.slice(0, -1)) await fillTier(large, largeTree.serviceId, t, 0, TIER_LIMIT);
      console.log(`  ${LARGE} resources in the large service (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    })(),
    // ListInputParameter: two resources of a service of their own, with 10 / the per-resource limit of input parameters.
    (async () => {
      const tree = await serviceTree(small, 'Parameter Service', 1);
      const owners = await Promise.all([
        resources.createResource(small.caller, tree.serviceId, resourceInput(tree.tierIds[0], 'Few parameters')),
        resources.createResource(small.caller, tree.serviceId, resourceInput(tree.tierIds[0], 'Many parameters')),
      ]);
      await Promise.all([addParams(small, tree.serviceId, owners[0], SMALL), addParams(small, tree.serviceId, owners[1], params)]);
      return owners.map((resourceId) => ({ serviceId: tree.serviceId, resourceId }));
    })(),
    // DescribeUsersByOrg: 10 members (the root + 9) vs the member limit (the root + limit - 1).
    Promise.all([addMembers(small, SMALL - 1), addMembers(usersLarge, members - 1)]),
    // ListService: an org with 10 services vs one with LARGE services.
    Promise.all([addServices(listSmall, SMALL), addServices(listLarge, LARGE)]),
  ]);
  const listTier = largeTree.tierIds[0];
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`Seeded ${transactions.toLocaleString('en')} writes (use cases and bulk plans) in ${seedSeconds.toFixed(0)} s (${((performance.now() - seedMore) / 1000).toFixed(0)} s after the creates).`);

  // ------------------------------------------------------------------------------ first-page reads (part 1)
  const read = (label: string, o: Org, hh: Handler, input: CallInput): Side => ({ label, run: () => call(hh, o.token, input) });
  const heavy = Math.max(10, CALLS / 10);
  const comparisons: Comparison[] = [
    {
      operation: 'DescribeService',
      kind: 'read',
      small: read(`${SMALL} resources in the service`, small, h.describeService, { params: { id: smallTree.serviceId } }),
      large: read(`${LARGE.toLocaleString('en')} resources over ${largeTierCount} tiers`, large, h.describeService, { params: { id: largeTree.serviceId } }),
      calls: CALLS,
      warmup: CALLS / 10,
    },
    {
      operation: 'ListService (pageSize=10)',
      kind: 'read',
      small: read(`${SMALL} services in the org`, listSmall, h.listService, { query: { pageSize: '10' } }),
      large: read(`${LARGE.toLocaleString('en')} services in the org`, listLarge, h.listService, { query: { pageSize: '10' } }),
      calls: CALLS,
      warmup: CALLS / 10,
    },
    {
      operation: 'ListService (no paging parameters)',
      kind: 'read',
      small: read(`${SMALL} services (page of ${SMALL})`, listSmall, h.listService, {}),
      large: read(`${LARGE.toLocaleString('en')} services (page of 100)`, listLarge, h.listService, {}),
      calls: heavy,
      warmup: 3,
      note: 'the first page holds 10 vs 100 services',
    },
    {
      operation: `ListService (org of the ${SMALL} / ${LARGE.toLocaleString('en')}-resource service)`,
      kind: 'read',
      small: read(`org of the small service`, small, h.listService, {}),
      large: read(`org of the large service`, large, h.listService, {}),
      calls: CALLS,
      warmup: CALLS / 10,
      note: 'each org also holds one or two services of other series',
    },
    {
      operation: 'ListResources',
      kind: 'read',
      small: read(`${SMALL} resources in the tier`, small, h.listResources, { params: { serviceId: smallTree.serviceId, productTierId: smallTree.tierIds[0] } }),
      large: read(`${tierResources.toLocaleString('en')} resources (per-tier limit)`, large, h.listResources, { params: { serviceId: largeTree.serviceId, productTierId: listTier } }),
      calls: heavy,
      warmup: 3,
      note: `per-tier limit ${TIER_LIMIT}; unpaged: answers every resource`,
    },
    {
      operation: 'ListInputParameter',
      kind: 'read',
      small: read(`${SMALL} parameters on the resource`, small, h.listInputParameter, { params: smallOwner }),
      large: read(`${params} parameters (per-resource limit)`, small, h.listInputParameter, { params: largeOwner }),
      calls: heavy,
      warmup: 3,
      note: `per-resource limit ${PARAM_LIMIT}; unpaged`,
    },
    {
      operation: 'DescribeUsersByOrg',
      kind: 'read',
      small: read(`${SMALL} members`, small, h.describeUsersByOrg, {}),
      large: read(`${members.toLocaleString('en')} members (member limit)`, usersLarge, h.describeUsersByOrg, {}),
      calls: heavy,
      warmup: 3,
      note: `member limit ${MEMBER_LIMIT}; unpaged`,
    },
  ];
  console.log('Measuring reads…');
  const reads: Measured[] = [];
  for (const c of comparisons) reads.push(await measure(c));

  // ---------------------------------------------------------------------------------------------- report
  const rowsOf = (m: Measured) => {
    const s = sorted(m.small);
    const l = sorted(m.large);
    const kbOf = (b: number) => (b >= 10 * 1024 ? `${(b / 1024).toFixed(0)} KB` : `${b} B`);
    return [
      [`${m.c.operation}: ${m.c.small.label}`, String(m.small.length), ms(percentile(s, 50)), ms(percentile(s, 99)), ms(mean(s)), kbOf(m.smallBytes)],
      [`${m.c.operation}: ${m.c.large.label}`, String(m.large.length), ms(percentile(l, 50)), ms(percentile(l, 99)), ms(mean(l)), kbOf(m.largeBytes)],
      [`  ratio large / small`, '', times(percentile(l, 50) / percentile(s, 50)), times(percentile(l, 99) / percentile(s, 99)), '', ''],
    ];
  };
  const header = ['series (through the handler)', 'calls', 'p50', 'p99', 'mean', 'response'];
  table(
    `Scale: first-page reads, small vs large collection (warm-up ${CALLS / 10} calls per side; 3 for the unpaged full answers)`,
    header,
    reads.flatMap(rowsOf),
  );
  table(`Scale: create cost, few vs many siblings (after ${CALLS / 10} warm-up calls per side; each create undone untimed)`, header, creates.flatMap(rowsOf));
  console.log(
    `\nLimits below ${LARGE.toLocaleString('en')} (measured at the limit): resources per tier ${TIER_LIMIT}, input parameters per resource ${PARAM_LIMIT}, ` +
      `members per org ${MEMBER_LIMIT}, environments per service ${ENV_LIMIT}.`,
  );

  const ratio = (m: Measured) => percentile(sorted(m.large), 50) / percentile(sorted(m.small), 50);
  const targets = [
    ...creates.map((m) => [`${m.c.operation} p50 at ${m.c.large.label.split(' (')[0]} ≤ 1.5× at ${SMALL}`, times(ratio(m)), verdict(ratio(m) <= 1.5)]),
    ...reads.map((m) => [
      `${m.c.operation} p50 large ≤ 1.5× small${m.c.note ? ` (${m.c.note})` : ''}`,
      times(ratio(m)),
      verdict(ratio(m) <= 1.5),
    ]),
  ];
  return { targets };
}
