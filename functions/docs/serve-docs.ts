/**
 * The API's documentation, served by one function both locally and in the cloud:
 *   GET /openapi.json      the document generated from the registry (its `servers` entry is the host that served it,
 *                          or API_URL where the deployment sets it)
 *   GET /docs              Swagger UI rendering /openapi.json, with try-it-out against the same host
 *   GET /docs/{proxy+}     Swagger UI's static files, read from the installed swagger-ui-dist package, and
 *                          /docs/fleet-openapi.json, the Fleet API's document (its own contract, its own operationIds)
 * Anything else answers a goa 404. No CDN is involved, so the page works offline.
 *
 * In a Lambda bundle the package's files must sit where `require.resolve('swagger-ui-dist/package.json')`
 * finds them from this module: `node_modules/swagger-ui-dist/` next to the bundle, holding package.json and
 * the files of ASSETS below.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { operations } from '#functions/registry.ts';
import { buildOpenApiDocument } from '#shared/registry/openapi.ts';
import { goaBody } from '#shared/http/errors.ts';
import type { Contract } from '#shared/registry/identity.ts';

/** Where the Fleet API's document is served (under the docs route, so it needs no route of its own). */
export const FLEET_DOCUMENT = '/docs/fleet-openapi.json';

/** The method + path patterns this function answers (API Gateway route syntax). */
export const docsRoutes = [
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/docs/{proxy+}' },
] as const;

/** The swagger-ui-dist files the page loads (served under /docs/), with their content types. */
export const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Where swagger-ui-dist's files are (the installed package, or its copy inside a Lambda bundle). */
export function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const TITLE = 'Omnistrate Registration API';

/** Every URL absolute, so /docs and /docs/ load the same files. No inline script: init.js starts the UI. */
function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
</head>
<body>
<noscript>This page needs JavaScript. The OpenAPI document itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<p>The provider-facing Fleet API (<code>/2022-09-01-00/fleet/</code>) has its own document: <a href="/docs/fleet-openapi.json">/docs/fleet-openapi.json</a>.</p>
<div id="swagger-ui" data-spec-url="/openapi.json"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;
}

// Tags start collapsed: rendering every operation of the document at once (130 today, 292 when complete) is
// slow enough that a headless browser gives up after the first few; a tag opens on click or by deep link
// (`/docs#/resource-api`).
const INIT_JS = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: true,
    displayOperationId: true,
    docExpansion: 'none',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
`;

interface Body {
  bytes: Buffer;
  gzipped?: Buffer;
  contentType: string;
  cacheSeconds: number;
}

const bodies = new Map<string, Body>();
/** The document is kept per served host; a bound keeps odd Host headers from growing the cache. */
const MAX_CACHED = 32;

/** Text bodies above this size are worth compressing (the UI bundle is ~1.7 MB, ~0.5 MB gzipped). */
const GZIP_FROM = 8 * 1024;

function cached(key: string, make: () => Omit<Body, 'gzipped'>): Body {
  let b = bodies.get(key);
  if (!b) {
    const made = make();
    const compressible = made.bytes.length >= GZIP_FROM && !made.contentType.startsWith('image/');
    b = { ...made, gzipped: compressible ? gzipSync(made.bytes) : undefined };
    if (bodies.size >= MAX_CACHED) bodies.delete(bodies.keys().next().value!);
    bodies.set(key, b);
  }
  return b;
}

function serverUrl(event: APIGatewayProxyEventV2): string {
  // In the cloud the Host header is API Gateway's own (CloudFront forwards every viewer header but Host), so
  // the deployment names the host clients call (infra/docs-function.ts); locally the Host header is that host.
  const configured = process.env.API_URL?.replace(/\/+$/, '');
  if (configured) return configured;
  const h = event.headers ?? {};
  const host = h.host ?? event.requestContext?.domainName ?? 'localhost';
  // API Gateway terminates TLS and says so; the local server speaks plain HTTP.
  const proto = (h['x-forwarded-proto'] ?? 'http').split(',')[0].trim();
  return `${proto}://${host}`;
}

function answer(event: APIGatewayProxyEventV2, b: Body): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'content-type': b.contentType,
    'cache-control': b.cacheSeconds ? `public, max-age=${b.cacheSeconds}` : 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  const acceptsGzip = /\bgzip\b/i.test(event.headers?.['accept-encoding'] ?? '');
  if (b.gzipped && acceptsGzip) {
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
    return { statusCode: 200, headers, body: b.gzipped.toString('base64'), isBase64Encoded: true };
  }
  if (b.gzipped) headers.vary = 'accept-encoding';
  const textual = !b.contentType.startsWith('image/');
  return textual
    ? { statusCode: 200, headers, body: b.bytes.toString('utf8'), isBase64Encoded: false }
    : { statusCode: 200, headers, body: b.bytes.toString('base64'), isBase64Encoded: true };
}

function notFound(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const method = event.requestContext?.http?.method ?? 'GET';
  return {
    statusCode: 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(goaBody('not_found', `route ${method} ${event.rawPath} not found`)),
  };
}

const documents = new Map<Contract, ReturnType<typeof buildOpenApiDocument>>();

/** Built once per container and contract; only `servers` differs between hosts. */
function openApiJson(url: string, contract: Contract): Buffer {
  let document = documents.get(contract);
  if (!document) documents.set(contract, (document = buildOpenApiDocument(operations, undefined, contract)));
  return Buffer.from(JSON.stringify({ ...document, servers: [{ url }] }));
}

const text = (bytes: string | Buffer, contentType: string, cacheSeconds = 0) => () => ({
  bytes: Buffer.from(bytes),
  contentType,
  cacheSeconds,
});

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
  const path = event.rawPath ?? '/';
  if (method !== 'GET') return notFound(event);
  const contract: Contract | undefined = path === '/openapi.json' ? 'registration' : path === FLEET_DOCUMENT ? 'fleet' : undefined;
  if (contract) {
    const url = serverUrl(event);
    return answer(event, cached(`openapi ${contract} ${url}`, () => ({ bytes: openApiJson(url, contract), contentType: 'application/json', cacheSeconds: 0 })));
  }
  if (path === '/docs' || path === '/docs/') return answer(event, cached('page', text(page(), 'text/html; charset=utf-8')));
  if (path === '/docs/init.js') return answer(event, cached('init', text(INIT_JS, 'text/javascript; charset=utf-8')));
  const name = path.startsWith('/docs/') ? path.slice('/docs/'.length) : '';
  // Only the listed files: a request can never name another path of the file system.
  const contentType = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!contentType) return notFound(event);
  return answer(event, cached(`asset ${name}`, () => ({ bytes: readFileSync(join(swaggerUiDir(), name)), contentType, cacheSeconds: 3600 })));
}
