/**
 * Typed domain errors. Each carries a stable code and the HTTP status it maps to; the API turns them into
 * RFC 9457 problem+json in one place, workers turn `bpmnErrorCode` into a BPMN error the diagram can catch.
 */
export interface DomainErrorOptions {
  /** The offending field (JSON pointer or dotted path) for validation errors. */
  field?: string;
  /** A BPMN error code a workflow can catch when a worker raises this error. */
  bpmnErrorCode?: string;
  /** Extra machine-readable detail (e.g. the allowed actions for a Conflict). */
  extra?: Record<string, unknown>;
  /** The detail in Chinese, for a caller that asks for zh (the web UI's clerks); the message is the English one. */
  detailZh?: string;
  cause?: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  abstract readonly title: string;
  readonly retryable: boolean = false;
  readonly field?: string;
  readonly bpmnErrorCode?: string;
  readonly extra?: Record<string, unknown>;
  readonly detailZh?: string;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.bpmnErrorCode = options.bpmnErrorCode;
    this.extra = options.extra;
    this.detailZh = options.detailZh;
  }
}

export class NotFound extends DomainError {
  readonly code = 'not-found';
  readonly status = 404;
  readonly title = 'Not found';
}

export class Conflict extends DomainError {
  readonly code = 'conflict';
  readonly status = 409;
  readonly title = 'Conflict with the current state';
}

export class Forbidden extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class Invalid extends DomainError {
  readonly code = 'invalid';
  readonly status = 422;
  readonly title = 'Invalid input';
}

/** A technical failure worth retrying (a lost connection, a lock timeout). */
export class Unavailable extends DomainError {
  readonly code = 'unavailable';
  readonly status = 503;
  readonly title = 'Temporarily unavailable';
  override readonly retryable = true;
}
