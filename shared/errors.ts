/**
 * The project's error family. Use cases, entities, tasks and jobs throw these; nothing here knows HTTP.
 * Each class sets `name`, because Step Functions matches a Task's `ErrorEquals` on the error's name (a bare
 * `Error` would be indistinguishable from a crash). `shared/http/errors.ts` maps them to goa answers.
 */

/** Base of every expected failure: a caller-caused or state-caused outcome, never a bug. */
export abstract class DomainError extends Error {
  abstract override readonly name: DomainErrorName;
}

export type DomainErrorName =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'InvalidState'
  | 'PayloadTooLarge';

/** Input that can never succeed as sent: the message names the field and the rule. */
export class BadRequest extends DomainError {
  override readonly name = 'BadRequest' as const;
}

export class Unauthorized extends DomainError {
  override readonly name = 'Unauthorized' as const;
  constructor(message = 'missing or invalid bearer token') {
    super(message);
  }
}

export class Forbidden extends DomainError {
  override readonly name = 'Forbidden' as const;
  constructor(message = 'the caller role does not allow this operation') {
    super(message);
  }
}

/** Message always contains "not found": clients match on it. Another org's entity is reported the same way. */
export class NotFound extends DomainError {
  override readonly name = 'NotFound' as const;
  constructor(entity: string) {
    super(`${entity} not found`);
  }
}

/** A value already taken (a name, a key, an email) or a change that lost to a concurrent one. */
export class Conflict extends DomainError {
  override readonly name = 'Conflict' as const;
}

/** The entity is not in a lifecycle state that allows the operation (delete with children, stop a stopped…). */
export class InvalidState extends DomainError {
  override readonly name = 'InvalidState' as const;
}

/** A body larger than the operation accepts. */
export class PayloadTooLarge extends DomainError {
  override readonly name = 'PayloadTooLarge' as const;
}

/**
 * Deployment work that failed for good (a driver's answer or a provider's failure report): the step's Catch
 * records the message as the resource's failure reason. Not a DomainError: it never reaches an HTTP caller.
 */
export class DeploymentFailed extends Error {
  override readonly name = 'DeploymentFailed' as const;
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
