/**
 * The one builder of API Gateway HTTP API (payload format 2.0) events and of the Lambda context that goes
 * with them. The local server, the handler tests (test/support/invoke.ts) and the bench all hand their
 * requests to the handlers through it, so every caller sees the event the way API Gateway shapes it.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface ApiGatewayEventInput {
  method: string;
  /** The request path as received (already percent-encoded). */
  path: string;
  /** The query string without `?`. Built from `query` when omitted. */
  rawQueryString?: string;
  /** Query parameters; parsed from `rawQueryString` when omitted (repeated names joined by commas). */
  query?: Record<string, string>;
  /** Header names are lower-cased, as API Gateway does (a later spelling of a name wins); array values are joined by commas. */
  headers?: Record<string, string | string[] | undefined>;
  /**
   * A string is passed as is (with `isBase64Encoded`). A Buffer is encoded the way API Gateway does: UTF-8
   * text for textual content types (or none), base64 otherwise. An empty body becomes no body.
   */
  body?: string | Buffer;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string>;
  /** `$default` (the local server) or `METHOD /path/{param}` (a route of its own). */
  routeKey?: string;
  requestId?: string;
  sourceIp?: string;
  /** Falls back to the host header. */
  domainName?: string;
  accountId?: string;
  apiId?: string;
}

const TEXTUAL = /json|text|xml|x-www-form-urlencoded/i;

function lowerHeaders(headers: ApiGatewayEventInput['headers'] = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

function parseQuery(raw: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) query[k] = k in query ? `${query[k]},${v}` : v;
  return query;
}

const orUndefined = <T extends object>(o: T | undefined): T | undefined => (o && Object.keys(o).length ? o : undefined);

export function apiGatewayEvent(input: ApiGatewayEventInput): APIGatewayProxyEventV2 {
  const method = input.method.toUpperCase();
  const headers = lowerHeaders(input.headers);
  const rawQueryString = input.rawQueryString ?? new URLSearchParams(input.query ?? {}).toString();
  const query = input.query ?? parseQuery(rawQueryString);
  let body: string | undefined;
  let isBase64Encoded = input.isBase64Encoded ?? false;
  if (typeof input.body === 'string') {
    body = input.body;
  } else if (input.body && input.body.length > 0) {
    const contentType = headers['content-type'] ?? '';
    isBase64Encoded = input.isBase64Encoded ?? !(!contentType || TEXTUAL.test(contentType));
    body = input.body.toString(isBase64Encoded ? 'base64' : 'utf8');
  } else {
    isBase64Encoded = false;
  }
  const routeKey = input.routeKey ?? '$default';
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: input.path,
    rawQueryString,
    headers,
    queryStringParameters: orUndefined(query),
    pathParameters: orUndefined(input.pathParameters),
    body,
    isBase64Encoded,
    requestContext: {
      accountId: input.accountId ?? '000000000000',
      apiId: input.apiId ?? 'local',
      domainName: input.domainName ?? headers.host ?? 'localhost',
      domainPrefix: (input.domainName ?? headers.host ?? 'localhost').split('.')[0],
      http: {
        method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId ?? randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

/** A Lambda context for in-process calls: the function name, the request id and a 29 s budget. */
export function lambdaContext(functionName: string, requestId: string, budgetMs = 29_000): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, budgetMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
