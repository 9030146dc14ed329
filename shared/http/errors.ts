/**
 * Typed domain errors and the goa error body every failure answers with.
 * Use cases throw these; the error middleware is the one place that maps them to HTTP.
 */
import { randomBytes } from 'node:crypto';

export type GoaErrorName =
  | 'bad_request'
  | 'auth_failure'
  | 'forbidden'
  | 'not_found'
  | 'invalid_state'
  | 'failed_request';

export interface GoaErrorBody {
  name: GoaErrorName;
  id: string;
  message: string;
  temporary: boolean;
  timeout: boolean;
  fault: boolean;
}

export class AppError extends Error {
  readonly statusCode: number;
  readonly goaName: GoaErrorName;
  constructor(statusCode: number, goaName: GoaErrorName, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.goaName = goaName;
  }
}

export class BadRequest extends AppError {
  constructor(message: string) {
    super(400, 'bad_request', message);
  }
}
export class Unauthorized extends AppError {
  constructor(message = 'missing or invalid bearer token') {
    super(401, 'auth_failure', message);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'the caller role does not allow this operation') {
    super(403, 'forbidden', message);
  }
}
/** Message always contains "not found": clients match on it. */
export class NotFound extends AppError {
  constructor(entity: string) {
    super(404, 'not_found', `${entity} not found`);
  }
}
/** Conflicts and wrong lifecycle states: 409 invalid_state. */
export class Conflict extends AppError {
  constructor(message: string) {
    super(409, 'invalid_state', message);
  }
}

/** goa's error id: short random token a caller can quote in a support request. */
export function errorId(): string {
  return randomBytes(6).toString('base64url');
}

export function goaBody(name: GoaErrorName, message: string, fault = false): GoaErrorBody {
  return { name, id: errorId(), message, temporary: false, timeout: false, fault };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
