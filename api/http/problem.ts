import type { ErrorRequestHandler, Response } from 'express';
import { DomainError } from '../../core/errors.ts';

/** RFC 9457 problem details. `field` names the offending input for validation errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
  [extension: string]: unknown;
}

const problemBase = 'https://citycase.org/problems/';

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The one place where errors become HTTP responses. Unknown errors are 500s that reveal nothing. */
export function problemFromError(error: unknown): Problem {
  if (error instanceof DomainError) {
    // Extension members come first so none of them can replace a standard member.
    return {
      ...error.extra,
      type: problemBase + error.code,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
  }
  const httpError = error as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
  const status = httpError.status ?? httpError.statusCode;
  // body-parser's errors (malformed JSON, body too large) carry a 4xx status and a safe message.
  if (status && status >= 400 && status < 500) {
    return {
      type: problemBase + (httpError.type ?? 'bad-request').replaceAll('.', '-'),
      title: status === 413 ? 'Request body too large' : 'Bad request',
      status,
      detail: httpError.expose ? httpError.message : undefined,
    };
  }
  return { type: problemBase + 'internal', title: 'Internal server error', status: 500 };
}

export const problemHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const problem = problemFromError(error);
  if (problem.status >= 500) console.error(error);
  sendProblem(res, problem);
};
