/** The zh-CN name of each history action, as a notice prints it; approvals denied are `<verb>-denied`. */
const actionLabels: Record<string, string> = {
  report: '上报',
  'request-confirmation': '派发核实',
  confirm: '核实',
  register: '立案',
  reject: '不予立案',
  merge: '合并',
  dispatch: '派遣',
  feedback: '处置反馈',
  'request-return': '申请回退',
  return: '回退',
  'request-extension': '申请延期',
  extend: '延期',
  'request-suspension': '申请挂账',
  suspend: '挂账',
  'review-suspension': '挂账复审',
  resume: '恢复办理',
  'request-void': '申请作废',
  void: '作废',
  verify: '核查通过',
  'verify-failed': '核查未通过',
  rework: '返工',
  close: '结案',
  supervise: '督办',
  urge: '催办',
  'mark-overdue': '超期',
};

export function historyActionLabel(action: string): string {
  const denied = /^(.+)-denied$/.exec(action);
  if (denied && actionLabels[denied[1] as string]) return `${actionLabels[denied[1] as string]}（未批准）`;
  return actionLabels[action] ?? action;
}
