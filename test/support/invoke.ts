/**
 * Calls an operation's Middy handler in-process with a built API Gateway v2 event — the handler layer's
 * test harness (no HTTP server involved).
 */
import { randomUUID } from 'node:crypto';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { apiGatewayEvent, lambdaContext } from '#shared/http/event.ts';

const handlers = new WeakMap<OperationDefinition, ReturnType<typeof lambdaHandler>>();

export interface InvokeInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent verbatim when a string (to test malformed JSON). */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: any;
}

export async function invoke(op: OperationDefinition, input: InvokeInput): Promise<InvokeResult> {
  let h = handlers.get(op);
  if (!h) handlers.set(op, (h = lambdaHandler(op)));
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'content-type': 'application/json', ...input.headers };
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  const path = op.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(input.params?.[n] ?? ''));
  const event = apiGatewayEvent({
    method: op.method,
    path,
    routeKey: `${op.method} ${op.path}`,
    query: input.query,
    headers: { 'user-agent': 'vitest', ...headers },
    pathParameters: input.params,
    body: input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body)),
    requestId,
    accountId: 'test',
    apiId: 'test',
    domainName: 'test',
  });
  const context = lambdaContext(op.operationId, requestId);
  const out = await h(event, context);
  const body = out.body ?? '';
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers ?? {})) lower[k.toLowerCase()] = String(v);
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: out.statusCode ?? 200, headers: lower, body, json };
}
