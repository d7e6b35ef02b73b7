import type { ErrorRequestHandler, Request, Response } from 'express';
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

export type ProblemLanguage = 'zh' | 'en';

/** Chinese for a caller whose Accept-Language puts zh first (the web UI sends its locale); English otherwise. */
export function problemLanguage(req: Request): ProblemLanguage {
  return req.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
}

const titlesZh: Record<string, string> = {
  'not-found': '未找到',
  conflict: '与当前状态冲突',
  forbidden: '无权操作',
  invalid: '输入有误',
  unavailable: '暂时无法处理',
  'unsupported-media-type': '不支持的文件类型',
  'content-too-large': '文件过大',
  'too-many-reports': '提交过于频繁',
};

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The one place where errors become HTTP responses. Unknown errors are 500s that reveal nothing. */
export function problemFromError(error: unknown, language: ProblemLanguage = 'en'): Problem {
  if (error instanceof DomainError) {
    const zh = language === 'zh';
    // Extension members come first so none of them can replace a standard member.
    return {
      ...error.extra,
      type: problemBase + error.code,
      title: (zh && titlesZh[error.code]) || error.title,
      status: error.status,
      detail: (zh && error.detailZh) || error.message,
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

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const language = problemLanguage(req);
  const problem = problemFromError(error, language);
  if (problem.status >= 500) console.error(error);
  res.set('Content-Language', language === 'zh' ? 'zh-CN' : 'en');
  sendProblem(res, problem);
};
