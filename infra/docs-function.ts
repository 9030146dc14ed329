/**
 * The API's documentation in the cloud: one function (functions/docs/serve-docs.ts, bundled with the
 * swagger-ui-dist files it serves, infra/bundle.ts) behind the routes its `docsRoutes` declare, all on the
 * Registration API through one integration.
 *
 * The handler reads nothing from the table, the secret or the bucket (it renders the registry and serves
 * packaged files), so its role may only write its own logs (and traces).
 */
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { docsRoutes } from '#functions/docs/serve-docs.ts';
import { contractOf, routePath } from '#infra/contracts.ts';
import { ownedFunction } from '#infra/operation-function.ts';

export interface DocsFunctionProps {
  /** Directory holding the docs bundle (infra/bundle.ts `docsBundleDir`). */
  codeDir: string;
  /** The Registration API. */
  api: apigw.IHttpApi;
  /** Base URL clients call the API at (the distribution): the document's `servers` entry. */
  apiUrl: string;
  memorySize: number;
  logRetention: logs.RetentionDays;
}

/** `GET /docs/{proxy+}` → `GetDocsProxy`: a stable construct id per route. */
export function docsRouteId(route: { method: string; path: string }): string {
  const words = [route.method.toLowerCase(), ...route.path.split(/[^A-Za-z0-9]+/)].filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export class DocsFunction extends Construct {
  readonly function: lambda.Function;
  readonly routes: apigw.HttpRoute[];

  constructor(scope: Construct, id: string, props: DocsFunctionProps) {
    super(scope, id);
    this.function = ownedFunction(this, {
      description: `Docs: ${docsRoutes.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      codeDir: props.codeDir,
      access: { statements: [], acknowledgements: [] },
      // Behind CloudFront the Host header is API Gateway's own, so the handler is told the clients' host.
      environment: { API_URL: props.apiUrl },
      memorySize: props.memorySize,
      logRetention: props.logRetention,
    });
    // One integration object: CDK creates one integration per API for it, shared by every route.
    const integration = new HttpLambdaIntegration('Integration', this.function, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    const ids = new Set<string>();
    this.routes = docsRoutes.map((r) => {
      if (contractOf(r.path) !== 'registration') throw new Error(`docs route ${r.path} is not a Registration API path`);
      const routeId = `Route${docsRouteId(r)}`;
      if (ids.has(routeId)) throw new Error(`two docs routes named ${routeId}`);
      ids.add(routeId);
      return new apigw.HttpRoute(this, routeId, {
        httpApi: props.api,
        routeKey: apigw.HttpRouteKey.with(routePath(r.path), apigw.HttpMethod[r.method]),
        integration,
      });
    });
  }
}
