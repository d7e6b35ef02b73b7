import type { Sql } from '../ports/database.ts';
import { Conflict } from '../errors.ts';
import { readCase } from '../case/case-store.ts';
import { caseHistory } from '../case/history.ts';
import { caseStatus } from '../case/statuses.ts';
import { caseDocument } from './case-documents.ts';
import { loadNoticeTemplates, type NoticeTemplate } from './notice-templates.ts';
import { noticeView } from './notice-view.ts';

let templates: Map<string, NoticeTemplate> | undefined;

/**
 * A case's notice as printable HTML. Unknown documents are NotFound; a document for a stage the case has not
 * reached (the closing notice of an open case) is a Conflict naming the case's status. Scope is the caller's
 * business (assertCaseInScope) before this runs.
 */
export async function renderCaseDocument(sql: Sql, caseId: string, name: string, now: Date): Promise<string> {
  const document = caseDocument(name);
  const current = await readCase(sql, caseId);
  if (!document.reached(current)) {
    const status = caseStatus(current.status);
    throw new Conflict(`case ${current.caseNumber} ${document.notReached} (it is ${status.labelZh}, ${status.id}): no ${document.titleZh} yet`, {
      extra: { currentStatus: status.id, statusKind: status.kind },
    });
  }
  const history = await caseHistory(sql, caseId);
  const department = await sql.query<{ name_zh: string }>('SELECT name_zh FROM department WHERE id = $1', [current.departmentId]);
  templates ??= loadNoticeTemplates();
  const template = templates.get(document.name);
  if (!template) throw new Error(`forms/templates/${document.name}.hbs is missing`);
  return template(noticeView({ titleZh: document.titleZh, current, history, departmentName: department.rows[0]?.name_zh ?? null, now }));
}
