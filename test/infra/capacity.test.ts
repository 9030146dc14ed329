/**
 * Quotas, counted on what the registry holds now and on what it will hold: an HTTP API takes at most 300
 * integrations (not raisable) and 300 routes; a CloudFormation stack 500 resources (our ceiling: 450).
 * "Will hold" is every operation of `routes.tsv` (Registration API, beside the docs routes that `docsRoutes`
 * declares, which are synthesized in every app: 3 routes, 1 integration) and of `fleet-routes.tsv` (Fleet
 * API), read from `../shared/reference/` when it is there, plus the registry's declared extra routes (`extraRoute`); the app holding all of them is synthesized too
 * (placeholder assets), so the counts are measured, not estimated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { operations } from '#functions/registry.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { docsRoutes } from '#functions/docs/serve-docs.ts';
import {
  CONTRACTS,
  contractOf,
  HTTP_API_MAX_INTEGRATIONS,
  HTTP_API_MAX_ROUTES,
  routePath,
  type Contract,
} from '#infra/contracts.ts';
import { functionStackId, MAX_RESOURCES_PER_STACK, RESOURCES_PER_OPERATION } from '#infra/stack-layout.ts';
import { synthesize, type Synthesized } from './synth.ts';
import { readReference, type Reference } from './reference.ts';

const reference = readReference();
const routeKey = (o: { method: string; path: string }) => `${o.method} ${routePath(o.path)}`;
/** What the docs function adds to the Registration API: one route per `docsRoutes` entry, one integration. */
const DOCS = { routes: docsRoutes.length, integrations: 1 };
const health = operations.find((o) => o.operationId === 'registrationServiceHealth')!;

/**
 * The registry plus every reference operation not registered yet, as stand-in entries. The registry keeps
 * operation ids unique, so a Fleet operation whose reference id repeats a Registration one (44 do, e.g.
 * CreateResourceInstance) stands in as `Fleet<id>`.
 */
function plannedOperations(ref: Reference): OperationDefinition[] {
  const planned = [...operations];
  const key = routeKey;
  const keys = new Set(planned.map(key));
  const ids = new Set(planned.map((o) => o.operationId));
  for (const row of [...ref.registration, ...ref.fleet]) {
    if (keys.has(key(row))) continue;
    const operationId = ids.has(row.operationId) ? `Fleet${row.operationId}` : row.operationId;
    planned.push({ ...health, ...row, operationId });
    keys.add(key(row));
    ids.add(operationId);
  }
  return planned;
}

function routeCounts(s: Synthesized): Record<Contract, { routes: number; integrations: number }> {
  const counts = Object.fromEntries(CONTRACTS.map((c) => [c, { routes: 0, integrations: 0 }])) as Record<
    Contract,
    { routes: number; integrations: number }
  >;
  for (const [stack, t] of s.templates) {
    for (const [type, key] of [
      ['AWS::ApiGatewayV2::Route', 'routes'],
      ['AWS::ApiGatewayV2::Integration', 'integrations'],
    ] as const) {
      for (const r of Object.values(t.findResources(type))) {
        const contract = s.contractOfApiRef(stack, r.Properties.ApiId);
        if (!contract) throw new Error(`${stack}: a ${type} on no known API`);
        counts[contract][key]++;
      }
    }
  }
  return counts;
}

function resourceCounts(s: Synthesized): Record<string, number> {
  return Object.fromEntries([...s.templates].map(([name, t]) => [name, Object.keys(t.toJSON().Resources ?? {}).length]));
}

let now: Synthesized;
let full: Synthesized | undefined;

beforeAll(() => {
  now = synthesize({ operations });
  if (reference) full = synthesize({ operations: plannedOperations(reference) });
}, 180_000);

afterAll(() => {
  now?.cleanup();
  full?.cleanup();
});

describe('what is registered now', () => {
  it('counts the docs routes as docsRoutes declares them: 3 routes, 1 integration', () => {
    expect(docsRoutes.map(routeKey)).toEqual(['GET /openapi.json', 'GET /docs', 'GET /docs/{proxy+}']);
    expect(DOCS).toEqual({ routes: 3, integrations: 1 });
    const docsApi = now.apiLogicalIds.get('registration');
    const root = now.templates.get('OmnistrateApi')!.toJSON().Resources as Record<string, any>;
    const docsFn = now.cloud.api.resolve((now.cloud.api.docs.function.node.defaultChild as CfnElement).logicalId);
    const onDocsFn = (type: string) =>
      Object.values(root).filter((r) => r.Type === type && r.Properties.ApiId?.Ref === docsApi).filter((r) =>
        type === 'AWS::ApiGatewayV2::Integration'
          ? r.Properties.IntegrationUri?.['Fn::GetAtt']?.[0] === docsFn
          : docsRoutes.some((d) => routeKey(d) === r.Properties.RouteKey),
      );
    expect(onDocsFn('AWS::ApiGatewayV2::Route')).toHaveLength(DOCS.routes);
    expect(onDocsFn('AWS::ApiGatewayV2::Integration')).toHaveLength(DOCS.integrations);
  });

  it(`keeps every API under ${HTTP_API_MAX_ROUTES} routes and ${HTTP_API_MAX_INTEGRATIONS} integrations, docs routes included`, () => {
    const counts = routeCounts(now);
    for (const c of CONTRACTS) {
      const ops = operations.filter((o) => contractOf(o.path) === c).length;
      const docs = c === 'registration' ? DOCS : { routes: 0, integrations: 0 };
      expect(counts[c], c).toEqual({ routes: ops + docs.routes, integrations: ops + docs.integrations });
      expect(counts[c].routes, c).toBeLessThanOrEqual(HTTP_API_MAX_ROUTES);
      expect(counts[c].integrations, c).toBeLessThanOrEqual(HTTP_API_MAX_INTEGRATIONS);
    }
  });

  it(`keeps every stack, root or nested, at or below ${MAX_RESOURCES_PER_STACK} resources`, () => {
    const over = Object.entries(resourceCounts(now)).filter(([, n]) => n > MAX_RESOURCES_PER_STACK);
    expect(over).toEqual([]);
  });

  it(`spends ${RESOURCES_PER_OPERATION} resources per operation in the nested stacks`, () => {
    const nested = [...now.cloud.api.groups.keys()].reduce((n, id) => n + resourceCounts(now)[id], 0);
    expect(nested).toBe(operations.length * RESOURCES_PER_OPERATION);
  });
});

describe('what the registry will hold (the reference route tables)', () => {
  it('reads both route tables', (ctx) => {
    if (!reference) return ctx.skip(`no ${readReference.dir}/{routes,fleet-routes}.tsv: only what is registered now is checked`);
    expect(reference.registration.length).toBeGreaterThan(0);
    expect(reference.fleet.length).toBeGreaterThan(0);
  });

  it('fits each contract in one HTTP API: all of routes.tsv plus docs, all of fleet-routes.tsv', (ctx) => {
    if (!reference || !full) return ctx.skip('no reference route tables');
    const counts = routeCounts(full);
    const registration = new Set(reference.registration.map(routeKey));
    const fleet = new Set(reference.fleet.map(routeKey));
    // No docs route repeats a reference route, so the docs add exactly what they declare.
    expect(docsRoutes.filter((d) => registration.has(routeKey(d)))).toEqual([]);
    // Everything registered today is in the route tables but the declared extra routes (`extraRoute`; in the
    // fleet the deployment-driver callback): the synthesized counts are the tables' counts plus those.
    const extras = operations.filter((o) => o.extraRoute !== undefined);
    expect(extras.filter((o) => registration.has(routeKey(o)) || fleet.has(routeKey(o)))).toEqual([]);
    const extrasOf = (c: string) => extras.filter((o) => contractOf(o.path) === c).length;
    expect(counts.registration).toEqual({
      routes: registration.size + DOCS.routes + extrasOf('registration'),
      integrations: registration.size + DOCS.integrations + extrasOf('registration'),
    });
    expect(counts.fleet).toEqual({ routes: fleet.size + extrasOf('fleet'), integrations: fleet.size + extrasOf('fleet') });
    for (const c of CONTRACTS) {
      expect(counts[c].routes, c).toBeLessThanOrEqual(HTTP_API_MAX_ROUTES);
      expect(counts[c].integrations, c).toBeLessThanOrEqual(HTTP_API_MAX_INTEGRATIONS);
    }
  });

  it(`keeps every stack at or below ${MAX_RESOURCES_PER_STACK} resources with all of them registered`, (ctx) => {
    if (!full) return ctx.skip('no reference route tables');
    const counts = resourceCounts(full);
    const over = Object.entries(counts).filter(([, n]) => n > MAX_RESOURCES_PER_STACK);
    expect(over).toEqual([]);
    // And the layout function agrees with the synthesized one.
    const perStack = new Map<string, number>();
    for (const op of plannedOperations(reference!)) perStack.set(functionStackId(op), (perStack.get(functionStackId(op)) ?? 0) + 1);
    for (const [id, n] of perStack) expect(counts[id], id).toBe(n * RESOURCES_PER_OPERATION);
  });

  it('synthesizes with no unacknowledged cdk-nag or CloudFormation Validate finding with all of them registered', (ctx) => {
    if (!full) return ctx.skip('no reference route tables');
    expect(full.findings()).toEqual([]);
  });
});
