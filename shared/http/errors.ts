/**
 * The goa error body every failure answers with, and the one mapping from the domain error family
 * (`shared/errors.ts`) to HTTP status codes and goa error names.
 */
import { randomBytes } from 'node:crypto';
import type { DomainErrorName } from '#shared/errors.ts';

export type GoaErrorName =
  | 'bad_request'
  | 'auth_failure'
  | 'forbidden'
  | 'not_found'
  | 'invalid_state'
  | 'request_too_large'
  | 'failed_request';

export interface GoaErrorBody {
  name: GoaErrorName;
  id: string;
  message: string;
  temporary: boolean;
  timeout: boolean;
  fault: boolean;
}

/** Status and goa name per domain error; Conflict and InvalidState both answer 409 invalid_state. */
export const HTTP_ERRORS: Record<DomainErrorName, { status: number; goa: GoaErrorName }> = {
  BadRequest: { status: 400, goa: 'bad_request' },
  Unauthorized: { status: 401, goa: 'auth_failure' },
  Forbidden: { status: 403, goa: 'forbidden' },
  NotFound: { status: 404, goa: 'not_found' },
  Conflict: { status: 409, goa: 'invalid_state' },
  InvalidState: { status: 409, goa: 'invalid_state' },
  PayloadTooLarge: { status: 413, goa: 'request_too_large' },
};

/** goa's error id: short random token a caller can quote in a support request. */
export function errorId(): string {
  return randomBytes(6).toString('base64url');
}

export function goaBody(name: GoaErrorName, message: string, fault = false): GoaErrorBody {
  return { name, id: errorId(), message, temporary: false, timeout: false, fault };
}
