import type { Actor } from '../../core/case/case-types.ts';
import { reportCase } from '../../core/case/actions/report.ts';
import { requestConfirmation } from '../../core/case/actions/request-confirmation.ts';
import { confirmCase } from '../../core/case/actions/confirm.ts';
import { registerCase } from '../../core/case/actions/register.ts';
import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { requestReturn } from '../../core/case/actions/request-return.ts';
import { returnCase } from '../../core/case/actions/return.ts';
import { feedbackCase } from '../../core/case/actions/feedback.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import { closeCase } from '../../core/case/actions/close.ts';
import { voidCase } from '../../core/case/actions/void.ts';
import type { Database, Sql } from '../../core/ports/database.ts';
import { actors, caseDeps, givenDepartments, manholeReport, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';
import { at, collectorOne, gridOne, street } from './fixture.ts';

const acceptor: Actor = { id: 201, name: '李受理', role: 'acceptor' };
const shiftLeaderOne: Actor = { id: 301, name: '王值班长', role: 'shift-leader' };
const shiftLeaderTwo: Actor = { id: 302, name: '周值班长', role: 'shift-leader' };
const dispatcherOne: Actor = { id: 401, name: '赵派遣', role: 'dispatcher' };
const dispatcherTwo: Actor = { id: 402, name: '钱派遣', role: 'dispatcher' };

/**
 * The hand-computed staff week (Mon 23 – Sun 29 November 2026, Beijing; working hours 08–12 and 14–18). Limits of
 * the default indicators: 发核实 30 分钟 from the report, 立案 / 派遣 / 结案 1 工作时 from the step before.
 *
 *   K1  reported 09:00, S1 registers 09:30 (due 10:00, on time), P1 dispatches 10:00 (due 10:30, on time), handed
 *       in 11:00, verified 11:30, S1 closes 11:40 (due 12:00, on time).
 *   K2  reported 09:00, A sends it for confirmation 09:20 (due 09:30, on time), confirmed 10:00, S2 registers 14:30
 *       (due 11:00, late), P1 dispatches 16:00 (due 15:30, late) to the wrong department, which returns it (P2
 *       approves 16:20); P2 dispatches 16:30 (due 17:20, on time), handed in 17:00, verified Tue 09:00, S1 closes
 *       Tue 11:00 (due 10:00, late).
 *   K3  reported 09:00, A sends it for confirmation 10:00 (due 09:30, late), confirmed 10:30, S1 registers 10:45
 *       (due 11:30, on time), voided 11:00: not an accurate registration.
 *   K4  A takes a hotline call Wed 09:00 (受理), S2 registers 09:10 (on time).
 *   K5  all of it on Fri 20 November, before the period.
 */
export async function givenStaffWeek(db: Database): Promise<void> {
  await givenDepartments(db);
  const deps = caseDeps();
  const step = (work: (sql: Sql) => Promise<unknown>) => db.transaction(work);
  const report = async (reporter: Actor, when: Date) =>
    (await step((sql) => reportCase(sql, manholeReport(when, { actor: reporter, gridCode: gridOne, street, community: '多福巷社区' }), deps)) as { id: string }).id;
  const dispatch = (caseId: string, by: Actor, when: Date, departmentId: string) => step((sql) => dispatchCase(sql, { caseId, actor: by, at: when, departmentId }, deps));
  const finish = async (caseId: string, handedIn: Date, verified: Date, closedBy: Actor, closed: Date) => {
    await step((sql) => feedbackCase(sql, { caseId, actor: actors.department, at: handedIn }));
    await step((sql) => verifyCase(sql, { caseId, actor: collectorOne, at: verified, passed: true }));
    await step((sql) => closeCase(sql, { caseId, actor: closedBy, at: closed }));
  };
  const confirm = async (caseId: string, requested: Date, confirmed: Date) => {
    await step((sql) => requestConfirmation(sql, { caseId, actor: acceptor, at: requested }));
    await step((sql) => confirmCase(sql, { caseId, actor: collectorOne, at: confirmed, found: true }));
  };

  const k1 = await report(collectorOne, at('23 09:00'));
  await step((sql) => registerCase(sql, { caseId: k1, actor: shiftLeaderOne, at: at('23 09:30') }));
  await dispatch(k1, dispatcherOne, at('23 10:00'), waterDepartment);
  await finish(k1, at('23 11:00'), at('23 11:30'), shiftLeaderOne, at('23 11:40'));

  const k2 = await report(collectorOne, at('23 09:00'));
  await confirm(k2, at('23 09:20'), at('23 10:00'));
  await step((sql) => registerCase(sql, { caseId: k2, actor: shiftLeaderTwo, at: at('23 14:30') }));
  await dispatch(k2, dispatcherOne, at('23 16:00'), waterDepartment);
  await step((sql) => requestReturn(sql, { caseId: k2, actor: actors.department, at: at('23 16:10') }));
  await step((sql) => returnCase(sql, { caseId: k2, actor: dispatcherTwo, at: at('23 16:20'), approved: true }));
  await dispatch(k2, dispatcherTwo, at('23 16:30'), roadsDepartment);
  await finish(k2, at('23 17:00'), at('24 09:00'), shiftLeaderOne, at('24 11:00'));

  const k3 = await report(collectorOne, at('23 09:00'));
  await confirm(k3, at('23 10:00'), at('23 10:30'));
  await step((sql) => registerCase(sql, { caseId: k3, actor: shiftLeaderOne, at: at('23 10:45') }));
  await step((sql) => voidCase(sql, { caseId: k3, actor: shiftLeaderOne, at: at('23 11:00'), approved: true }));

  const k4 = await report(acceptor, at('25 09:00'));
  await step((sql) => registerCase(sql, { caseId: k4, actor: shiftLeaderTwo, at: at('25 09:10') }));

  const k5 = await report(collectorOne, at('20 09:00'));
  await step((sql) => registerCase(sql, { caseId: k5, actor: shiftLeaderOne, at: at('20 09:10') }));
  await dispatch(k5, dispatcherOne, at('20 09:20'), waterDepartment);
  await finish(k5, at('20 10:00'), at('20 10:30'), shiftLeaderOne, at('20 10:40'));
}
