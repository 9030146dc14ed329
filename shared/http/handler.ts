/**
 * The one handler factory: turns a registry entry into a Middy-wrapped API Gateway (HTTP API, payload v2)
 * Lambda handler. Middleware order, outermost first: logger, header/event normalizers, security headers,
 * CORS, JSON body, authentication, validation, and the goa error handler last.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpCors from '@middy/http-cors';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { OperationDefinition, RawResult, RequestContext } from '#shared/registry/operation.ts';
import { logger } from '#shared/logger.ts';
import { BadRequest, Forbidden, isDomainError } from '#shared/errors.ts';
import { goaBody, HTTP_ERRORS } from '#shared/http/errors.ts';
import { checkJsonBody, decodePathParameter, matchKeysCaseInsensitively, parseInput } from '#shared/http/validation.ts';
import { cleanId } from '#shared/domain/ids.ts';
import { confirmSession, confirmSessionForRead, verifyClaims } from '#shared/auth/authenticate.ts';
import { canAdminister, canWrite, type Caller } from '#shared/auth/caller.ts';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

interface Internal {
  rawBody?: Buffer;
  json?: unknown;
  /** Resolves to the caller once the session is confirmed (not revoked, user still in the org). */
  session?: Promise<Caller>;
  caller?: Caller;
  ctx?: RequestContext<unknown, unknown, unknown>;
}

type Req = middy.Request<Event, Result, Error, Context>;

/** Per-request state shared by the middlewares and the handler, keyed by the event object. */
const requestState = new WeakMap<Event, Internal>();
function state(event: Event): Internal {
  let s = requestState.get(event);
  if (!s) requestState.set(event, (s = {}));
  return s;
}

function jsonResponse(status: number, body: unknown): Result {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Reads the body bytes; parses JSON on every method (DELETE included: clients send `{"feature": …}`). */
function bodyParser(op: OperationDefinition): middy.MiddlewareObj<Event, Result, Error, Context> {
  return {
    before: (request: Req) => {
      const { event } = request;
      if (event.body === undefined || event.body === null || event.body === '') return;
      const raw = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
      state(event).rawBody = raw;
      if (op.body === 'raw' || op.body === undefined) return;
      const text = raw.toString('utf8').trim();
      if (!text) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new BadRequest('request body is not valid JSON');
      }
      checkJsonBody(json);
      state(event).json = json;
    },
  };
}

/** Checks the bearer token and the caller's role for the operation's access level. */
function authorizer(op: OperationDefinition): middy.MiddlewareObj<Event, Result, Error, Context> {
  return {
    before: async (request: Req) => {
      // Public routes ignore the Authorization header entirely (clients send `Bearer undefined`).
      if (op.access === 'public') return;
      const internal = state(request.event);
      const claims = await verifyClaims(request.event.headers?.authorization);
      // The claims are signed, so a customer token is refused before anything runs.
      if (claims.customer && op.access !== 'consumer' && op.access !== 'self') {
        throw new Forbidden('a customer token cannot call provider operations');
      }
      // Reads run concurrently with the session lookup (their result is dropped if it fails);
      // anything that changes state waits for it first.
      if (op.access === 'read' || (op.access === 'consumer' && op.method === 'GET')) {
        internal.session = confirmSessionForRead(claims);
        // Avoid an unhandled rejection while the read runs; the handler awaits it.
        internal.session.catch(() => undefined);
        internal.caller = claims;
        return;
      }
      const caller = await confirmSession(claims);
      if (op.access === 'write' && !canWrite(caller.role)) throw new Forbidden(`role ${caller.role} cannot change anything`);
      if (op.access === 'admin' && !canAdminister(caller.role)) throw new Forbidden(`role ${caller.role} cannot administer the org`);
      internal.caller = caller;
    },
  };
}

function validator(op: OperationDefinition): middy.MiddlewareObj<Event, Result, Error, Context> {
  return {
    before: (request: Req) => {
      const { event } = request;
      const internal = state(event);
      const rawParams: Record<string, string> = {};
      for (const [k, v] of Object.entries(event.pathParameters ?? {})) {
        if (v !== undefined) rawParams[k] = cleanId(decodePathParameter(k, v));
      }
      const params = op.params ? parseInput('path', op.params, rawParams) : rawParams;
      const query = op.query ? parseInput('query', op.query, event.queryStringParameters ?? {}) : {};
      let body: unknown;
      if (op.body && op.body !== 'raw') {
        body = parseInput('body', op.body, matchKeysCaseInsensitively(op.body, internal.json ?? {}));
      }
      internal.ctx = {
        params,
        query,
        body,
        caller: internal.caller as Caller,
        requestId: event.requestContext?.requestId ?? '',
        headers: event.headers as Record<string, string | undefined>,
        rawBody: internal.rawBody,
      };
    },
  };
}

function errorHandler(): middy.MiddlewareObj<Event, Result, Error, Context> {
  return {
    onError: (request: Req) => {
      const e = request.error;
      if (isDomainError(e)) {
        const { status, goa } = HTTP_ERRORS[e.name];
        request.response = jsonResponse(status, goaBody(goa, e.message));
        return;
      }
      logger.error('unhandled error', e as Error);
      request.response = jsonResponse(500, goaBody('failed_request', 'internal error', true));
    },
  };
}

function isRaw(v: unknown): v is RawResult {
  return typeof v === 'object' && v !== null && (v as RawResult).kind === 'raw';
}

function toResponse(op: OperationDefinition, result: unknown): Result {
  const status = op.status ?? 200;
  if (isRaw(result)) {
    return {
      statusCode: status,
      headers: { 'content-type': result.contentType, 'content-length': String(result.body.length), ...result.headers },
      body: result.body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  // Proxies in front of clients reject an empty body without a length.
  if (result === undefined) return { statusCode: status, headers: { 'content-length': '0' }, body: '' };
  return jsonResponse(status, result);
}

/** What API Gateway (and the local server) calls. */
export type ApiHandler = (event: Event, context: Context) => Promise<Result>;

export function lambdaHandler(op: OperationDefinition): ApiHandler {
  const core = async (event: Event): Promise<Result> => {
    const internal = state(event);
    const ctx = internal.ctx!;
    if (internal.session) {
      const [outcome, session] = await Promise.allSettled([op.run(ctx as never), internal.session]);
      // A failed session check wins over whatever the read produced.
      if (session.status === 'rejected') throw session.reason;
      if (outcome.status === 'rejected') throw outcome.reason;
      return toResponse(op, outcome.value);
    }
    return toResponse(op, await op.run(ctx as never));
  };

  return middy<Event, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: (request: Req) => {
        logger.setCorrelationId(request.event.requestContext?.requestId);
        logger.appendKeys({ operationId: op.operationId });
      },
    })
    .use(httpHeaderNormalizer())
    .use(httpEventNormalizer())
    .use(httpSecurityHeaders())
    .use(httpCors({ origin: '*', headers: 'authorization,content-type,idempotency-key' }))
    .use(bodyParser(op))
    .use(authorizer(op))
    .use(validator(op))
    .use(errorHandler())
    .handler(core) as unknown as ApiHandler;
}
