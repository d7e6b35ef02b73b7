import type { CaseRecord } from '../case/case-types.ts';
import type { CaseEvent } from '../case/history.ts';
import { caseStatus } from '../case/statuses.ts';
import { historyActionLabel } from './history-labels.ts';
import { printedTime } from './printed-time.ts';

const issuer = '数字化城市管理监督指挥中心';
/** The history a notice prints: the latest rows, enough to see how the case got here on one page. */
const historyRows = 12;

const sourceLabels: Record<CaseRecord['source'], string> = {
  collector: '监督员上报',
  hotline: '12319 热线',
  citizen: '市民上报',
  wechat: '微信',
  video: '视频智能识别',
  iot: '物联感知',
  app: '移动应用',
};

const orDash = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? '—' : value);

function eventView(event: CaseEvent | undefined) {
  return {
    at: printedTime(event?.at ?? null),
    action: event ? historyActionLabel(event.action) : '—',
    actor: orDash(event?.actorName),
    comment: orDash(event?.comment),
  };
}

function latest(history: readonly CaseEvent[], action: string): CaseEvent | undefined {
  return history.findLast((event) => event.action === action);
}

/** Everything a notice template may print, already formatted for zh-CN paper; nothing is left undefined. */
export function noticeView(input: {
  titleZh: string;
  current: CaseRecord;
  history: readonly CaseEvent[];
  departmentName: string | null;
  now: Date;
}) {
  const { current, history } = input;
  const shown = history.slice(-historyRows);
  // The overdue flag waits for the deadline timer; a notice printed (or a case closed) after the deadline is late anyway.
  const overdue =
    current.overdue || (current.deadline !== null && Date.parse(current.closedAt ?? input.now.toISOString()) > Date.parse(current.deadline));
  return {
    title: input.titleZh,
    issuer,
    issuedAt: printedTime(input.now),
    case: {
      caseNumber: current.caseNumber,
      statusLabel: caseStatus(current.status).labelZh,
      classKindLabel: current.classKind === 'component' ? '部件' : '事件',
      className: current.className,
      classCode: current.classCode,
      urgencyLabel: current.urgency === 'urgent' ? '紧急' : '一般',
      sourceLabel: sourceLabels[current.source] ?? current.source,
      description: orDash(current.description),
      address: orDash(current.address),
      coordinates: `${current.lng.toFixed(6)}, ${current.lat.toFixed(6)}`,
      gridCode: orDash(current.gridCode),
      street: orDash(current.street),
      community: orDash(current.community),
      departmentName: orDash(input.departmentName ?? current.departmentId),
      reportedAt: printedTime(current.reportedAt),
      dispatchedAt: printedTime(current.dispatchedAt),
      deadline: printedTime(current.deadline),
      deadlineApproximate: current.deadlineApproximate,
      overdue,
      overdueLabel: overdue ? '已超期' : '未超期',
      timelinessLabel: overdue ? '超期结案' : '按期结案',
      returnCount: current.returnCount,
      extensionCount: current.extensionCount,
      reworkCount: current.reworkCount,
    },
    history: shown.map(eventView),
    historyOmitted: history.length - shown.length,
    dispatcherName: orDash(latest(history, 'dispatch')?.actorName),
    supervision: eventView(latest(history, 'supervise')),
    closing: eventView(latest(history, 'close')),
    verification: eventView(latest(history, 'verify')),
  };
}
