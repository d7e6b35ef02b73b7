import { Conflict, DomainError, Invalid, NotFound, Unavailable } from '../../../core/errors.ts';

/** gRPC status codes (grpc-js `error.code`) the cluster answers with. */
/** Network failures (Node's error codes) on the REST side: the cluster could not be reached. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

const GRPC = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 };

interface ClusterError {
  /** gRPC status code. */
  code?: unknown;
  /** HTTP status of the REST API (the SDK's HTTPError). */
  statusCode?: unknown;
  response?: { statusCode?: unknown };
  detail?: unknown;
  details?: unknown;
  message?: unknown;
}

/**
 * A cluster rejection as the typed domain error the API maps to HTTP; `subject` names what was acted on
 * ("user task 2251799813685321"). Errors that are not rejections (a bug, a programming error) are returned as they are.
 */
export function toDomainError(error: unknown, subject: string): unknown {
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return error;
  const e = error as ClusterError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.response?.statusCode === 'number' ? e.response.statusCode : null;
  const code = typeof e.code === 'number' ? e.code : null;
  const reason = [e.detail, e.details, e.message].find((text): text is string => typeof text === 'string' && text !== '') ?? '';
  const message = reason ? `${subject}: ${reason}` : subject;
  const options = { cause: error };
  if (status === 404 || code === GRPC.NOT_FOUND) return new NotFound(`${subject} was not found`, options);
  if (status === 409 || code === GRPC.ALREADY_EXISTS || code === GRPC.FAILED_PRECONDITION) return new Conflict(message, options);
  if (status === 400 || code === GRPC.INVALID_ARGUMENT) return new Invalid(message, options);
  if (
    (status !== null && (status === 429 || status >= 500)) ||
    code === GRPC.UNAVAILABLE || code === GRPC.RESOURCE_EXHAUSTED || code === GRPC.DEADLINE_EXCEEDED ||
    (typeof e.code === 'string' && NETWORK.has(e.code))
  ) {
    return new Unavailable(message, options);
  }
  return error;
}

/** Whether a gRPC or REST error says the thing already exists (e.g. a message id published twice). */
export function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as ClusterError).code === GRPC.ALREADY_EXISTS;
}
