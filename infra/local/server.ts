/**
 * The local HTTP server: routes every registry entry to the same Middy handler Lambda would run, by turning
 * each request into an API Gateway HTTP API (payload v2) event (shared/http/event.ts). The docs function
 * (functions/docs/serve-docs.ts) is routed the same way. Bodies over API Gateway's 10 MiB answer 413, and
 * `closeGracefully` lets in-flight requests finish before the server stops.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { goaBody } from '#shared/http/errors.ts';
import { apiGatewayEvent, lambdaContext } from '#shared/http/event.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Route {
  /** A registry entry, or any method + path pattern (`{name}` one segment, `{name+}` the rest of the path). */
  op: Pick<OperationDefinition, 'method' | 'path' | 'operationId'>;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  literalSegments: number;
  greedy: boolean;
}

/** Literal segments win over parameters (`/service/composespec` before `/service/{id}`). */
export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes
    .map((r) => {
      const names: string[] = [];
      const segments = r.op.path.split('/').filter(Boolean);
      let greedy = false;
      const pattern = segments
        .map((seg) => {
          const m = /^\{(\w+)(\+?)\}$/.exec(seg);
          if (m) {
            names.push(m[1]);
            greedy ||= m[2] === '+';
            return m[2] ? '(.+?)' : '([^/]+)';
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return {
        ...r,
        regex: new RegExp(`^/${pattern}/?$`),
        names,
        literalSegments: segments.length - names.length,
        greedy,
      };
    })
    .sort((a, b) => b.literalSegments - a.literalSegments || Number(a.greedy) - Number(b.greedy));
}

export function matchRoute(routes: CompiledRoute[], method: string, path: string) {
  for (const r of routes) {
    if (r.op.method !== method) continue;
    const m = r.regex.exec(path);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}

/** API Gateway's own payload limit. */
export const MAX_BODY = 10 * 1024 * 1024;
/** Past this much, an oversized body is no longer drained but the connection dropped. */
const MAX_DRAIN = 16 * MAX_BODY;

type ReadBody = { body: Buffer } | { tooLarge: true };

/**
 * Reads the whole body. Past `limit` it keeps reading but drops the bytes, so the client finishes sending
 * and then reads the 413: answering while it still sends would reset the connection under its upload.
 */
function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_DRAIN) {
      req.destroy();
      return fail(new Error(`request body of ${declared} bytes refused`));
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) return req.destroy();
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => ok(size > limit ? { tooLarge: true } : { body: Buffer.concat(chunks) }));
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new Error('request aborted'));
    });
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.end(buf);
}

function sendError(res: ServerResponse, status: number, name: Parameters<typeof goaBody>[0], message: string, headers: Record<string, string> = {}) {
  send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(goaBody(name, message, status >= 500)));
}

interface ServerState {
  inFlight: number;
  stopping: boolean;
  drained?: () => void;
}

const states = new WeakMap<Server, ServerState>();

export function createApiServer(routes: Route[]): Server {
  const compiled = compileRoutes(routes);
  const state: ServerState = { inFlight: 0, stopping: false };
  const server = createServer(async (req, res) => {
    state.inFlight++;
    res.once('close', () => {
      if (--state.inFlight === 0 && state.stopping) state.drained?.();
    });
    // While stopping, every answer ends its connection, so kept-alive clients go away once served.
    if (state.stopping) res.setHeader('connection', 'close');
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = (req.method ?? 'GET').toUpperCase();
      const read = await readBody(req, MAX_BODY);
      if ('tooLarge' in read) {
        return sendError(res, 413, 'request_too_large', `request body is larger than ${MAX_BODY / 1024 / 1024} MiB`, { connection: 'close' });
      }
      const routed = method === 'OPTIONS' ? String(req.headers['access-control-request-method'] ?? 'GET').toUpperCase() : method;
      const match = matchRoute(compiled, routed, url.pathname);
      if (!match) return sendError(res, 404, 'not_found', `route ${method} ${url.pathname} not found`);
      const event = apiGatewayEvent({
        method,
        path: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: req.headers,
        body: read.body,
        pathParameters: match.params,
        requestId,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
      const out = await match.route.handler(event, lambdaContext(match.route.op.operationId, requestId));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(out.headers ?? {})) headers[k.toLowerCase()] = String(v);
      delete headers['content-length'];
      const payload = out.body ? Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      send(res, out.statusCode ?? 200, headers, payload);
    } catch (e) {
      if (req.destroyed && !req.complete) return; // the client went away (or sent far too much): nobody to answer
      console.error(`[${requestId}]`, e);
      if (!res.headersSent) sendError(res, 500, 'failed_request', 'internal error');
    }
  });
  states.set(server, state);
  // Idle kept-alive connections stay open longer than any client's own idle timeout (as load balancers do),
  // so a client never reuses a socket the server is closing at that instant ("other side closed").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/**
 * Stops the server without cutting anyone off: no new connections, in-flight requests run to their answer
 * (which closes its connection), idle kept-alive connections close. After `graceMs` whatever is left is cut.
 */
export async function closeGracefully(server: Server, graceMs = 10_000): Promise<void> {
  const state = states.get(server);
  if (state) state.stopping = true;
  const closed = new Promise<void>((ok) => server.close(() => ok()));
  server.closeIdleConnections();
  if (state && state.inFlight > 0) {
    await new Promise<void>((ok) => {
      const timer = setTimeout(ok, graceMs);
      state.drained = () => {
        clearTimeout(timer);
        ok();
      };
    });
  }
  server.closeAllConnections();
  await closed;
}
