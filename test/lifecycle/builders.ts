import { loadWorkingCalendar } from '../../core/calendar/load-calendar.ts';
import { caseClassRules } from '../../core/case/case-class-rules.ts';
import type { Actor, CaseRecord } from '../../core/case/case-types.ts';
import type { DeadlineDeps } from '../../core/case/deadline.ts';
import { reportCase, type ReportInput } from '../../core/case/actions/report.ts';
import { registerCase } from '../../core/case/actions/register.ts';
import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { feedbackCase } from '../../core/case/actions/feedback.ts';
import type { Database } from '../../core/ports/database.ts';
import { loadStandardsCatalog } from '../../standards/catalog.ts';
import { ManualClock } from '../support/clock.ts';

/** A clock the test moves by hand, so deadlines and timers come due without sleeping. */
export function manualClock(start: string): ManualClock {
  return new ManualClock(start);
}
export { ManualClock };

export const hour = 3_600_000;
// Monday 23 November 2026, 09:00 in Beijing: a working day, so working time starts counting at once.
export const mondayNine = '2026-11-23T01:00:00.000Z';

let shared: DeadlineDeps | undefined;
/** The real standards catalogue and working-time calendar, loaded once per test process. */
export function caseDeps(): DeadlineDeps {
  shared ??= { rules: caseClassRules(loadStandardsCatalog()), calendar: loadWorkingCalendar() };
  return shared;
}

export const actors = {
  collector: { id: null, name: '张监督', role: 'collector' },
  acceptor: { id: null, name: '李受理', role: 'acceptor' },
  shiftLeader: { id: null, name: '王值班长', role: 'shift-leader' },
  dispatcher: { id: null, name: '赵派遣', role: 'dispatcher' },
  department: { id: null, name: '水务处置员', role: 'department' },
} satisfies Record<string, Actor>;

export const waterDepartment = 'water-utility';
export const roadsDepartment = 'district-roads';

export async function givenDepartments(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO department (id, name_zh, type) VALUES ($1, '市供水公司', 'utility-company'), ($2, '区市政所', 'district-department')
     ON CONFLICT (id) DO NOTHING`,
    [waterDepartment, roadsDepartment],
  );
}

/** 供水井盖 (GB/T 47678.5 component 01001): 4 工作时 when ordinary, 2 小时 on a continuous clock when urgent. */
export function manholeReport(at: Date, overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    source: 'collector',
    classScheme: 'gbt47678',
    classKind: 'component',
    classCode: '01001',
    description: '人民路与解放路交叉口井盖破损',
    location: { lng: 121.4737, lat: 31.2304 },
    address: '人民路 100 号',
    actor: actors.collector,
    at,
    ...overrides,
  };
}

export async function givenReportedCase(db: Database, at: Date, overrides: Partial<ReportInput> = {}): Promise<CaseRecord> {
  await givenDepartments(db);
  return db.transaction((sql) => reportCase(sql, manholeReport(at, overrides), caseDeps()));
}

export async function givenRegisteredCase(db: Database, at: Date, overrides: Partial<ReportInput> = {}): Promise<CaseRecord> {
  const reported = await givenReportedCase(db, at, overrides);
  return db.transaction(async (sql) => (await registerCase(sql, { caseId: reported.id, actor: actors.shiftLeader, at })).case);
}

/** A case dispatched to the water utility at `at`, now being handled. */
export async function givenHandlingCase(db: Database, at: Date, overrides: Partial<ReportInput> = {}): Promise<CaseRecord> {
  const registered = await givenRegisteredCase(db, at, overrides);
  return db.transaction(
    async (sql) =>
      (await dispatchCase(sql, { caseId: registered.id, actor: actors.dispatcher, at, departmentId: waterDepartment }, caseDeps())).case,
  );
}

export async function givenVerifyingCase(db: Database, at: Date): Promise<CaseRecord> {
  const handling = await givenHandlingCase(db, at);
  return db.transaction(async (sql) => (await feedbackCase(sql, { caseId: handling.id, actor: actors.department, at })).case);
}
