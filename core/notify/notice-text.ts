import { formatShanghai } from '../calendar/shanghai-time.ts';
import type { Notice } from '../ports/notifier.ts';

export interface NoticeText {
  title: string;
  body: string;
}

/** What each kind of notice asks of its reader; a kind added later reads as a plain notice. */
const headings: Record<string, { title: string; ask: string }> = {
  supervise: { title: '督办', ask: '已被督办，请尽快处置并反馈' },
  urge: { title: '催办', ask: '已被催办，请在处置时限内完成' },
  'suspension-review': { title: '挂账复核', ask: '挂账已到复核时间，请审核是否恢复处置或结案' },
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** "2026-11-23 13:00" in Beijing time: how a deadline reads in a notice. */
function readableDeadline(value: unknown): string | null {
  const iso = text(value);
  if (!iso || Number.isNaN(Date.parse(iso))) return null;
  return formatShanghai(new Date(iso)).slice(0, 16).replace('T', ' ');
}

/** The zh-CN title and body a person reads, from the notice's kind and the case facts in its payload. */
export function noticeText(notice: Pick<Notice, 'kind' | 'payload'>): NoticeText {
  const { payload } = notice;
  const heading = headings[notice.kind] ?? { title: '通知', ask: '有新的通知' };
  const caseNumber = text(payload.caseNumber);
  const subject = caseNumber ? `案件 ${caseNumber}` : '案件';
  const what = [text(payload.className), text(payload.address)].filter(Boolean).join('，');
  const deadline = readableDeadline(payload.deadline);
  const comment = text(payload.comment);
  const sentences = [
    `${subject}${what ? `（${what}）` : ''}${heading.ask}。`,
    deadline ? `处置时限：${deadline}${payload.overdue === true ? '（已超期）' : ''}。` : null,
    comment ? `意见：${comment}` : null,
  ];
  return { title: `${heading.title}：${subject}`, body: sentences.filter(Boolean).join('') };
}
