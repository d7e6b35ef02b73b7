import { ElMessage } from 'element-plus';
import { i18n } from '../i18n/index.ts';
import { ApiError } from './client.ts';

/** The sentence a person is shown for a failed request; the API's own detail says what was wrong. */
export function problemMessage(error: unknown): string {
  const { t } = i18n.global;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 0) return t('common.networkError');
  if (error.status === 403) return error.detail || t('errors.forbidden');
  if (error.status === 404 && !error.detail) return t('errors.notFound');
  return error.field ? t('common.fieldError', { detail: error.detail, field: error.field }) : error.message;
}

export function notifyProblem(error: unknown): void {
  // An ended session already sends the user to the login page; a second message would only repeat it.
  if (error instanceof ApiError && error.status === 401) return;
  ElMessage.error({ message: problemMessage(error), duration: 6000, showClose: true });
}
