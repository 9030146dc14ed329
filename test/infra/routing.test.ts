/**
 * One host, one HTTP API per contract: every registry entry gets exactly one function, one integration and
 * one route, in the API its path belongs to (infra/contracts.ts); CloudFront is a transparent proxy whose
 * default behaviour is the Registration API and whose `/2022-09-01-00/fleet/*` behaviour is the Fleet API;
 * the functions link to the distribution; the docs routes go to the docs function on the Registration API.
 * Synthesized with a placeholder asset per function (the templates
 * do not depend on the code; test/infra/cloud.test.ts synthesizes the real bundles).
 */
import { contractOperationId } from '#shared/registry/identity.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { operations } from '#functions/registry.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { contractOf, FLEET_PREFIX, pathPatternOf, routePath } from '#infra/contracts.ts';
import { CACHEABLE_ERROR_CODES } from '#infra/edge.ts';
import { docsRoutes } from '#functions/docs/serve-docs.ts';
import { functionStackId } from '#infra/stack-layout.ts';
import { synthesize, type Synthesized } from './synth.ts';
import { readReference } from './reference.ts';

const health = operations.find((o) => o.operationId === 'registrationServiceHealth')!;
/** A stand-in fleet entry (none is registered yet), in the group that will hold most of them. */
const fleetProbe: OperationDefinition = {
  ...health,
  operationId: 'FleetProbe',
  group: 'inventory-api',
  path: `${FLEET_PREFIX}probe/{id}`,
};

let now: Synthesized;
let withFleet: Synthesized;
let ownDomain: Synthesized;

beforeAll(() => {
  now = synthesize({ operations });
  withFleet = synthesize({ operations: [health, fleetProbe] });
  ownDomain = synthesize({
    operations: [health, fleetProbe],
    context: {
      domainName: 'api.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/00000000-0000-0000-0000-000000000000',
      publicUrl: 'https://portal.example.com',
    },
  });
}, 120_000);

afterAll(() => {
  for (const s of [now, withFleet, ownDomain]) s?.cleanup();
});

/** The route, integration and function of one operation, found by following references. */
function wiring(s: Synthesized, op: OperationDefinition) {
  const stack = functionStackId(op);
  const t = s.templates.get(stack);
  expect(t, `${op.operationId}: nested stack ${stack}`).toBeDefined();
  const fns = Object.entries(t!.findResources('AWS::Lambda::Function')).filter(([, f]) =>
    String(f.Properties.Description).startsWith(`${contractOperationId(op)}: ${op.method} ${op.path}`),
  );
  const fnIds = new Set(fns.map(([id]) => id));
  const integrations = Object.entries(t!.findResources('AWS::ApiGatewayV2::Integration')).filter(([, i]) =>
    fnIds.has(i.Properties.IntegrationUri?.['Fn::GetAtt']?.[0]),
  );
  const integrationIds = new Set(integrations.map(([id]) => id));
  const routes = Object.entries(t!.findResources('AWS::ApiGatewayV2::Route')).filter(([, r]) =>
    (r.Properties.Target?.['Fn::Join']?.[1] ?? []).some((part: any) => integrationIds.has(part?.Ref)),
  );
  return { stack, fns, integrations, routes };
}

function distributionOf(s: Synthesized): any {
  const [dist] = Object.values(s.templates.get('OmnistrateApi')!.findResources('AWS::CloudFront::Distribution'));
  return dist.Properties.DistributionConfig;
}

/** The contract whose API an origin's domain name is built from (`<api id>.execute-api.<region>.<suffix>`). */
function originContract(s: Synthesized, originId: string): string | undefined {
  const origin = distributionOf(s).Origins.find((o: any) => o.Id === originId);
  const apiRef = origin?.DomainName?.['Fn::Join']?.[1]?.[0]?.Ref;
  return [...s.apiLogicalIds].find(([, id]) => id === apiRef)?.[0];
}

describe('contractOf', () => {
  it('puts exactly the paths under /2022-09-01-00/fleet/ in the Fleet API', () => {
    expect(contractOf('/2022-09-01-00/fleet/audit-events')).toBe('fleet');
    expect(contractOf('/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/instances')).toBe('fleet');
    expect(contractOf('/2022-09-01-00/service/{id}')).toBe('registration');
    expect(contractOf('/2022-09-01-00/fleet')).toBe('registration');
    expect(contractOf('/2022-09-01-00/fleetx/a')).toBe('registration');
    expect(contractOf('/openapi.json')).toBe('registration');
  });

  it('registers a path that ends in / as the route without it (API Gateway refuses the slash, routes it anyway)', () => {
    expect(routePath('/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/instances/')).toBe(
      '/2022-09-01-00/fleet/service/{serviceId}/environment/{environmentId}/instances',
    );
    expect(routePath('/2022-09-01-00/service/{id}')).toBe('/2022-09-01-00/service/{id}');
    expect(routePath('/')).toBe('/');
  });

  it('agrees with the CloudFront path pattern of each contract', () => {
    expect(pathPatternOf('registration')).toBeUndefined();
    expect(pathPatternOf('fleet')).toBe('/2022-09-01-00/fleet/*');
    // CloudFront's `*` matches any characters, slashes included: the pattern is a prefix test.
    const prefix = pathPatternOf('fleet')!.slice(0, -1);
    for (const path of ['/2022-09-01-00/fleet/a/{b}', '/2022-09-01-00/fleet', '/2022-09-01-00/users']) {
      expect(path.startsWith(prefix) ? 'fleet' : 'registration', path).toBe(contractOf(path));
    }
  });

  it('puts every reference operation in the API of its contract file', (ctx) => {
    const ref = readReference();
    if (!ref) return ctx.skip(`no reference routes beside the checkout (${readReference.dir}): nothing to check`);
    expect(ref.registration.filter((r) => contractOf(r.path) !== 'registration')).toEqual([]);
    expect(ref.fleet.filter((r) => contractOf(r.path) !== 'fleet')).toEqual([]);
  });
});

describe('the registry as registered now', () => {
  it('synthesizes with no unacknowledged cdk-nag or CloudFormation Validate finding', () => {
    expect(now.findings()).toEqual([]);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s has exactly one function, one integration and one route, in the API of its contract',
    (_, op) => {
      const { stack, fns, integrations, routes } = wiring(now, op);
      expect(fns).toHaveLength(1);
      expect(integrations).toHaveLength(1);
      expect(routes).toHaveLength(1);
      const [, route] = routes[0];
      const [, integration] = integrations[0];
      expect(route.Properties.RouteKey).toBe(`${op.method} ${routePath(op.path)}`);
      expect(now.contractOfApiRef(stack, route.Properties.ApiId)).toBe(contractOf(op.path));
      expect(now.contractOfApiRef(stack, integration.Properties.ApiId)).toBe(contractOf(op.path));
    },
  );

  it('has one API per contract that has entries, and no empty Fleet API', () => {
    const contracts = new Set(operations.map((op) => contractOf(op.path)));
    contracts.add('registration');
    expect([...now.cloud.api.apis.keys()].sort()).toEqual([...contracts].sort());
    now.templates.get('OmnistrateApi')!.resourceCountIs('AWS::ApiGatewayV2::Api', contracts.size);
    expect(distributionOf(now).CacheBehaviors ?? []).toHaveLength(contracts.has('fleet') ? 1 : 0);
  });

  it('links from the distribution: PUBLIC_URL is https://<distribution domain> when no publicUrl is set', () => {
    const distId = now.cloud.api.resolve(
      (now.cloud.api.edge.distribution.node.defaultChild as cloudfront.CfnDistribution).logicalId,
    );
    for (const [stack] of now.cloud.api.groups) {
      for (const [id, fn] of Object.entries(now.templates.get(stack)!.findResources('AWS::Lambda::Function'))) {
        const url = fn.Properties.Environment.Variables.PUBLIC_URL;
        const [, parts] = url['Fn::Join'];
        expect(parts[0], `${stack}/${id}`).toBe('https://');
        expect(now.fromParent(stack, parts[1]), `${stack}/${id}`).toEqual({ 'Fn::GetAtt': [distId, 'DomainName'] });
      }
    }
  });
});

/** The docs function in the root stack, its integrations and the routes that target them. */
function docsWiring(s: Synthesized) {
  const root = s.templates.get('OmnistrateApi')!;
  const fnId = s.cloud.api.resolve((s.cloud.api.docs.function.node.defaultChild as CfnElement).logicalId) as string;
  const fn = root.toJSON().Resources[fnId];
  const integrations = Object.entries(root.findResources('AWS::ApiGatewayV2::Integration')).filter(
    ([, i]) => i.Properties.IntegrationUri?.['Fn::GetAtt']?.[0] === fnId,
  );
  const integrationIds = new Set(integrations.map(([id]) => id));
  const routes = Object.values(root.findResources('AWS::ApiGatewayV2::Route')).filter((r) =>
    (r.Properties.Target?.['Fn::Join']?.[1] ?? []).some((part: any) => integrationIds.has(part?.Ref)),
  );
  return { fn, integrations, routes };
}

describe('the docs routes', () => {
  it('are exactly docsRoutes, on the Registration API, through one integration to the docs function', () => {
    for (const s of [now, withFleet]) {
      const { fn, integrations, routes } = docsWiring(s);
      expect(fn.Type).toBe('AWS::Lambda::Function');
      expect(integrations).toHaveLength(1);
      const [, integration] = integrations[0];
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(s.contractOfApiRef('OmnistrateApi', integration.Properties.ApiId)).toBe('registration');
      expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(docsRoutes.map((r) => `${r.method} ${r.path}`).sort());
      for (const r of routes) expect(s.contractOfApiRef('OmnistrateApi', r.Properties.ApiId)).toBe('registration');
      // Nothing else on any API routes to it.
      const all = s.resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
      for (const d of docsRoutes) expect(all.filter((k) => k === `${d.method} ${d.path}`)).toHaveLength(1);
    }
  });

  it('are served with the clients\' base URL as the document\'s server (the distribution, or the own domain)', () => {
    const distId = now.cloud.api.resolve(
      (now.cloud.api.edge.distribution.node.defaultChild as cloudfront.CfnDistribution).logicalId,
    );
    expect(docsWiring(now).fn.Properties.Environment.Variables.API_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distId, 'DomainName'] }]],
    });
    // Not publicUrl: that is where links in mail lead (a portal), not the API.
    expect(docsWiring(ownDomain).fn.Properties.Environment.Variables.API_URL).toBe('https://api.example.com');
  });
});

describe('the CloudFront distribution', () => {
  it('is a transparent proxy on every behaviour', () => {
    const config = distributionOf(withFleet);
    const behaviours = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
    expect(behaviours).toHaveLength(2);
    for (const b of behaviours) {
      // Managed policies: nothing cached; every viewer header but Host (Authorization included, which
      // CloudFront forwards from an origin request policy only when caching is disabled), every cookie and
      // every query string go to the origin.
      expect(b.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
      expect(b.OriginRequestPolicyId).toBe(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
      expect(b.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(b.ViewerProtocolPolicy).toBe('https-only');
      expect(b.Compress).toBe(false);
    }
    for (const o of config.Origins) {
      expect(o.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(o.CustomOriginConfig.OriginReadTimeout).toBeGreaterThan(30);
      expect(o.DomainName['Fn::Join'][1].slice(1)).toEqual(['.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]);
    }
    expect(config.CustomErrorResponses).toEqual(
      CACHEABLE_ERROR_CODES.map((ErrorCode) => ({ ErrorCode, ErrorCachingMinTTL: 0 })),
    );
    expect(config.Logging).toEqual({ Bucket: { 'Fn::ImportValue': 'OmnistrateData-EdgeLogsBucketDomainName' }, Prefix: 'edge/' });
  });

  it('sends /2022-09-01-00/fleet/* to the Fleet API and everything else to the Registration API', () => {
    const config = distributionOf(withFleet);
    expect(originContract(withFleet, config.DefaultCacheBehavior.TargetOriginId)).toBe('registration');
    expect(config.CacheBehaviors.map((b: any) => [b.PathPattern, originContract(withFleet, b.TargetOriginId)])).toEqual([
      ['/2022-09-01-00/fleet/*', 'fleet'],
    ]);
    const { stack, routes } = wiring(withFleet, fleetProbe);
    expect(routes).toHaveLength(1);
    expect(withFleet.contractOfApiRef(stack, routes[0][1].Properties.ApiId)).toBe('fleet');
    expect(withFleet.contractOfApiRef('GlobalApi', wiring(withFleet, health).routes[0][1].Properties.ApiId)).toBe('registration');
    expect(withFleet.findings()).toEqual([]);
  });

  it('with an own domain: serves it with TLS 1.2 at least, behind the given web ACL, and links to publicUrl', () => {
    const config = distributionOf(ownDomain);
    expect(config.Aliases).toEqual(['api.example.com']);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(config.WebACLId).toMatch(/^arn:aws:wafv2:us-east-1:/);
    // Every operation's function (the docs function links nowhere: it has no PUBLIC_URL).
    for (const stack of ownDomain.cloud.api.groups.keys()) {
      for (const fn of Object.values(ownDomain.templates.get(stack)!.findResources('AWS::Lambda::Function'))) {
        expect(fn.Properties.Environment.Variables.PUBLIC_URL).toBe('https://portal.example.com');
      }
    }
    // CFR2 and CFR4 are acknowledged only when no web ACL / certificate is given: here they must pass.
    expect(ownDomain.findings()).toEqual([]);
  });
});
