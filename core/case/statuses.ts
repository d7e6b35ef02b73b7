/**
 * Case statuses as data. Every status belongs to a kind, so lists and indicators filter by kind
 * ("all open cases") instead of enumerating statuses, and a city can add a status without touching filters.
 * Rejected and merged reports are `closed` (finished without being handled, as FixMyStreet files duplicates);
 * the closure rate counts the `closed` status, not the kind.
 */
export type StatusKind = 'open' | 'suspended' | 'closed' | 'voided';

export interface CaseStatusDefinition {
  id: string;
  kind: StatusKind;
  labelZh: string;
  labelEn: string;
}

export const caseStatuses = [
  { id: 'reported', kind: 'open', labelZh: '待受理', labelEn: 'Reported' },
  { id: 'confirming', kind: 'open', labelZh: '核实中', labelEn: 'Being confirmed on site' },
  { id: 'confirmed', kind: 'open', labelZh: '待立案', labelEn: 'Awaiting registration' },
  { id: 'rejected', kind: 'closed', labelZh: '不予立案', labelEn: 'Rejected' },
  { id: 'merged', kind: 'closed', labelZh: '已合并', labelEn: 'Merged as a duplicate' },
  { id: 'registered', kind: 'open', labelZh: '待派遣', labelEn: 'Awaiting dispatch' },
  { id: 'returned', kind: 'open', labelZh: '已回退待重派', labelEn: 'Returned, awaiting redispatch' },
  { id: 'handling', kind: 'open', labelZh: '处置中', labelEn: 'Being handled' },
  { id: 'return-requested', kind: 'open', labelZh: '回退审批中', labelEn: 'Return requested' },
  { id: 'extension-requested', kind: 'open', labelZh: '延期审批中', labelEn: 'Extension requested' },
  { id: 'suspension-requested', kind: 'open', labelZh: '挂账审批中', labelEn: 'Suspension requested' },
  { id: 'suspended', kind: 'suspended', labelZh: '已挂账', labelEn: 'Suspended' },
  { id: 'verifying', kind: 'open', labelZh: '待核查', labelEn: 'Awaiting verification' },
  { id: 'verification-failed', kind: 'open', labelZh: '核查未通过', labelEn: 'Verification failed' },
  { id: 'verified', kind: 'open', labelZh: '待结案', labelEn: 'Verified, awaiting closing' },
  { id: 'closed', kind: 'closed', labelZh: '已结案', labelEn: 'Closed' },
  { id: 'voided', kind: 'voided', labelZh: '已作废', labelEn: 'Voided' },
] as const satisfies readonly CaseStatusDefinition[];

export type CaseStatus = (typeof caseStatuses)[number]['id'];

const byId = new Map<string, CaseStatusDefinition>(caseStatuses.map((status) => [status.id, status]));

export function caseStatus(id: string): CaseStatusDefinition {
  const status = byId.get(id);
  if (!status) throw new Error(`unknown case status "${id}"`);
  return status;
}

export function statusesOfKind(...kinds: StatusKind[]): CaseStatus[] {
  return caseStatuses.filter((status) => (kinds as string[]).includes(status.kind)).map((status) => status.id);
}
