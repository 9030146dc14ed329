/**
 * Builds the served OpenAPI 3.1 documents from the registry's zod schemas, one per contract (the Registration
 * API at `/openapi.json`, the Fleet API at `/docs/fleet-openapi.json`). Paths and methods are exactly the
 * registry's; each operationId is written as its own contract writes it, `group#OperationId`, which is unique
 * within a contract where bare names are not (users-api#InviteUser, consumption-user-api#InviteUser).
 * Nothing is read from the reference spec. Served with its docs page by functions/docs/serve-docs.ts.
 */
import { createDocument } from 'zod-openapi';
import { z } from 'zod';
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { contractOf, contractOperationId, type Contract } from '#shared/registry/identity.ts';

const GoaError = z
  .object({
    name: z.string().meta({ description: 'Error class: bad_request, auth_failure, forbidden, not_found, invalid_state, failed_request.' }),
    id: z.string().meta({ description: 'Identifier of this occurrence.' }),
    message: z.string().meta({ description: 'What went wrong, naming the offending field where there is one.' }),
    temporary: z.boolean(),
    timeout: z.boolean(),
    fault: z.boolean().meta({ description: 'True only for server-side faults.' }),
  })
  .meta({ id: 'Error' });

const ERRORS: Record<string, string> = {
  '400': 'bad_request: the input is invalid',
  '401': 'auth_failure: missing, invalid, expired or revoked token',
  '403': 'forbidden: the caller role does not allow this',
  '404': 'not_found: no such entity visible to the caller',
  '409': 'invalid_state: conflicts with the current state',
  '500': 'failed_request: server fault',
};

const TITLES: Record<Contract, { title: string; description: string }> = {
  registration: { title: 'Omnistrate Registration API (self-hosted)', description: 'Open-source implementation of the Omnistrate Registration API.' },
  fleet: { title: 'Omnistrate Fleet API (self-hosted)', description: 'Open-source implementation of the provider-facing Omnistrate Fleet API.' },
};

/** The document of one contract: the registry's operations whose path belongs to it. */
export function buildOpenApiDocument(all: readonly OperationDefinition[], serverUrl?: string, contract: Contract = 'registration') {
  const operations = all.filter((op) => contractOf(op.path) === contract);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const errorResponses = Object.fromEntries(
      Object.entries(ERRORS)
        .filter(([code]) => op.access !== 'public' || code !== '401')
        .map(([code, description]) => [code, { description, content: { 'application/json': { schema: GoaError } } }]),
    );
    const success = op.response
      ? {
          description: 'OK',
          content: { [op.responseContentType ?? 'application/json']: { schema: op.response } },
        }
      : { description: 'OK (empty body)' };
    const requestBody =
      op.body === 'raw'
        ? {
            required: true,
            content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } },
          }
        : op.body
          ? { required: true, content: { 'application/json': { schema: op.body } } }
          : undefined;
    paths[op.path] ??= {};
    paths[op.path][op.method.toLowerCase()] = {
      operationId: contractOperationId(op),
      tags: [op.group],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.access === 'public' ? { security: [] } : {}),
      requestParams: {
        ...(op.params ? { path: op.params } : {}),
        ...(op.query ? { query: op.query } : {}),
      },
      ...(requestBody ? { requestBody } : {}),
      responses: { [String(op.status ?? 200)]: success, ...errorResponses },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: TITLES[contract].title, version: '2022-09-01-00', description: TITLES[contract].description },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    tags: [...new Set(operations.map((o) => o.group))].sort().map((name) => ({ name })),
    paths: paths as never,
  });
}
