/**
 * The local HTTP server: routes every registry entry to the same Middy handler Lambda would run, by turning
 * each request into an API Gateway HTTP API (payload v2) event. Also serves /openapi.json and /docs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { goaBody } from '#shared/http/errors.ts';
import { buildOpenApiDocument, docsPage } from '#shared/registry/openapi.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Route {
  op: OperationDefinition;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  literalSegments: number;
}

/** Literal segments win over parameters (`/service/composespec` before `/service/{id}`). */
export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes
    .map((r) => {
      const names: string[] = [];
      const segments = r.op.path.split('/').filter(Boolean);
      const pattern = segments
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (m) {
            names.push(m[1]);
            return '([^/]+)';
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return {
        ...r,
        regex: new RegExp(`^/${pattern}/?$`),
        names,
        literalSegments: segments.length - names.length,
      };
    })
    .sort((a, b) => b.literalSegments - a.literalSegments);
}

export function matchRoute(routes: CompiledRoute[], method: string, path: string) {
  for (const r of routes) {
    if (r.op.method !== method) continue;
    const m = r.regex.exec(path);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}

function lambdaContext(name: string, requestId: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(Object.assign(new Error('body too large'), { tooLarge: true }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/** API Gateway's own payload limit. */
const MAX_BODY = 10 * 1024 * 1024;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.end(buf);
}

function sendError(res: ServerResponse, status: number, name: Parameters<typeof goaBody>[0], message: string) {
  send(res, status, { 'content-type': 'application/json' }, JSON.stringify(goaBody(name, message, status >= 500)));
}

function toEvent(req: IncomingMessage, url: URL, body: Buffer, params: Record<string, string>, requestId: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const textual = !contentType || /json|text|xml|x-www-form-urlencoded/i.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  } as APIGatewayProxyEventV2;
}

export function createApiServer(routes: Route[]): Server {
  const compiled = compileRoutes(routes);
  let openapi: string | undefined;
  return createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'GET' && url.pathname === '/openapi.json') {
        openapi ??= JSON.stringify(buildOpenApiDocument(routes.map((r) => r.op), `http://${req.headers.host}`));
        return send(res, 200, { 'content-type': 'application/json' }, openapi);
      }
      if (method === 'GET' && (url.pathname === '/docs' || url.pathname === '/docs/')) {
        return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, docsPage());
      }
      const match = matchRoute(compiled, method === 'OPTIONS' ? String(req.headers['access-control-request-method'] ?? 'GET').toUpperCase() : method, url.pathname);
      if (!match) return sendError(res, 404, 'not_found', `route ${method} ${url.pathname} not found`);
      const body = await readBody(req, MAX_BODY);
      const event = toEvent(req, url, body, match.params, requestId);
      const out = await match.route.handler(event, lambdaContext(match.route.op.operationId, requestId));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(out.headers ?? {})) headers[k.toLowerCase()] = String(v);
      delete headers['content-length'];
      const payload = out.body ? Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      send(res, out.statusCode ?? 200, headers, payload);
    } catch (e) {
      if ((e as { tooLarge?: boolean }).tooLarge) return sendError(res, 413, 'bad_request', 'request body is larger than 10 MiB');
      console.error(`[${requestId}]`, e);
      if (!res.headersSent) sendError(res, 500, 'failed_request', 'internal error');
    }
  });
}
