/**
 * One error type for everything a user or client can cause, with a stable code, an HTTP
 * status and a message key translated at the edge. Anything else that escapes is a bug and
 * answers 500 with a request id.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'session_expired'
  | 'csrf'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  session_expired: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

export interface FieldError {
  /** Form field name or JSON path, e.g. `email` or `persons.0.name`. */
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

/** What the request wrapper writes to the audit log when an error is a refusal. */
export interface RefusalAudit {
  action: string;
  entityType?: string;
  entityId?: string;
  reason?: string;
}

export class AppError extends Error {
  readonly status: number;
  /** Set for refusals: the wrapper records them (outcome "denied") after rolling back. */
  audit?: RefusalAudit;
  /**
   * Commit the request's writes before answering with this error. Only for failures whose
   * bookkeeping must persist (failed-login counters and their audit rows).
   */
  keepChanges = false;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(code);
    this.status = STATUS[code];
  }
}

/** A record the actor may not see, or that does not exist: the two look the same (404). */
export class NotFoundError extends AppError {
  constructor() {
    super('not_found', 'error.notFound.text');
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], messageKey = 'error.validation') {
    super('validation', messageKey, {}, fields);
  }
}

/** Optimistic concurrency: the row's version moved on since the form was loaded. */
export class ConflictError extends AppError {
  constructor(messageKey = 'error.conflict') {
    super('conflict', messageKey);
  }
}

/**
 * A policy refused an action. It answers 404 like a missing record (never 403 for records),
 * and the refusal is written to the audit log by the request wrapper.
 */
export class AccessDeniedError extends AppError {
  constructor(audit: RefusalAudit) {
    super('not_found', 'error.notFound.text');
    this.audit = audit;
  }
}

/** An API token without the scope a route needs (403: the route exists, the token is too weak). */
export class ScopeDeniedError extends AppError {
  constructor(audit: RefusalAudit) {
    super('forbidden', 'error.tokenScope');
    this.audit = audit;
  }
}

/** An error answered after committing the request's writes (see AppError.keepChanges). */
export function afterCommit<E extends AppError>(error: E): E {
  error.keepChanges = true;
  return error;
}
