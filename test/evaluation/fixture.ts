import type { Database, Sql } from '../../core/ports/database.ts';
import type { Actor } from '../../core/case/case-types.ts';
import { reportCase } from '../../core/case/actions/report.ts';
import { requestConfirmation } from '../../core/case/actions/request-confirmation.ts';
import { confirmCase } from '../../core/case/actions/confirm.ts';
import { registerCase } from '../../core/case/actions/register.ts';
import { rejectCase } from '../../core/case/actions/reject.ts';
import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { feedbackCase } from '../../core/case/actions/feedback.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import { reworkCase } from '../../core/case/actions/rework.ts';
import { closeCase } from '../../core/case/actions/close.ts';
import { markOverdue } from '../../core/case/actions/mark-overdue.ts';
import { requestReturn } from '../../core/case/actions/request-return.ts';
import { returnCase } from '../../core/case/actions/return.ts';
import { requestExtension } from '../../core/case/actions/request-extension.ts';
import { extendCase } from '../../core/case/actions/extend.ts';
import { requestSuspension } from '../../core/case/actions/request-suspension.ts';
import { suspendCase } from '../../core/case/actions/suspend.ts';
import { resumeCase } from '../../core/case/actions/resume.ts';
import { voidCase } from '../../core/case/actions/void.ts';
import { actors, caseDeps, givenDepartments, manholeReport, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';

/** The two collectors of the fixture; evaluation keys collectors by user id. */
export const collectorOne: Actor = { id: 101, name: '张监督', role: 'collector' };
export const collectorTwo: Actor = { id: 102, name: '陈监督', role: 'collector' };
export const gridOne = '110101001001001';
export const gridTwo = '110101001001002';
export const street = '东华门街道';
const communityOf: Record<string, string> = { [gridOne]: '多福巷社区', [gridTwo]: '韶九社区' };
export { roadsDepartment, waterDepartment };

/** A Beijing wall-clock time in November (or December) 2026, e.g. at('23 09:00'). */
export function at(dayAndTime: string, month = '11'): Date {
  const [day, time] = dayAndTime.split(' ');
  return new Date(`2026-${month}-${day}T${time}:00+08:00`);
}

/**
 * The hand-computed history (week Mon 23 – Sun 29 November 2026, Beijing). Every case is a 供水井盖 (4 工作时;
 * working hours 08–12 and 14–18), so a dispatch at 09:00 is due 15:00 the same day.
 *
 *   A  C1 reports, W handles on time (11:00 ≤ 15:00), C1 verifies on time, closed.            grid 1
 *   B  C1 reports, W marked overdue at 15:00, hands in 16:00 (late), C2 verifies Tue 10:00
 *      (handed in 16:00 + 1 工作时 = 17:00, so late), closed.                                     grid 1
 *   C  C2 reports 08:00, C2 confirms on site 08:30 (due 09:00, on time), W dispatched 09:00;
 *      hands in 10:00, C2 fails it 10:30 (on time), rework 10:30 due 16:30, hands in 16:00
 *      (on time), C2 verifies 16:20, closed.                                                    grid 2
 *   D  C1 reports 08:00, C1 confirms 09:30 (due 09:00, late), W dispatched 09:30, W asks to
 *      return, approved 10:00; R dispatched 10:00 (due 16:00), hands in 14:30, C1 verifies
 *      15:00 (due 15:30), closed.                                                               grid 2
 *   E  C2 reports, R dispatched 09:00 (due 15:00), extension of 1 工作日 approved 11:30
 *      (due Tue 15:00), hands in Tue 14:00: on time only thanks to the extension; C2 verifies
 *      Tue 14:30, closed.                                                                       grid 1
 *   F  C1 reports Fri 27 09:00, R dispatched (due Fri 15:00), suspended Fri 11:00 and resumed
 *      only Tue 1 December: suspended at the period end, not overdue.                           grid 2
 *   G  C2 reports, W dispatched, voided Mon 10:00.                                              grid 1
 *   H  C1 reports Thu 26 09:00, W dispatched (due Thu 15:00), marked overdue, never handed in. grid 2
 *   I  C1 reports, rejected (不予立案).                                                          grid 1
 *   J  C1 reports Fri 20 November, W handles and it is closed the same day: before the period.  grid 1
 * Grid 1 lies in 多福巷社区, grid 2 in 韶九社区, both in 东华门街道.
 */
export async function givenEvaluationHistory(db: Database): Promise<Record<string, string>> {
  await givenDepartments(db);
  const deps = caseDeps();
  const step = (work: (sql: Sql) => Promise<unknown>) => db.transaction(work);
  const report = async (reporter: Actor, when: Date, gridCode: string) =>
    (await db.transaction((sql) => reportCase(sql, manholeReport(when, { actor: reporter, gridCode, street, community: communityOf[gridCode] }), deps))).id;
  const registerAndDispatch = async (caseId: string, when: Date, departmentId: string) => {
    await step((sql) => registerCase(sql, { caseId, actor: actors.shiftLeader, at: when }));
    await step((sql) => dispatchCase(sql, { caseId, actor: actors.dispatcher, at: when, departmentId }, deps));
  };
  const feedback = (caseId: string, when: Date) => step((sql) => feedbackCase(sql, { caseId, actor: actors.department, at: when }));
  const verify = (caseId: string, by: Actor, when: Date, passed = true) => step((sql) => verifyCase(sql, { caseId, actor: by, at: when, passed }));
  const close = (caseId: string, when: Date) => step((sql) => closeCase(sql, { caseId, actor: actors.shiftLeader, at: when }));
  const confirm = async (caseId: string, by: Actor, requested: Date, when: Date) => {
    await step((sql) => requestConfirmation(sql, { caseId, actor: actors.acceptor, at: requested }));
    await step((sql) => confirmCase(sql, { caseId, actor: by, at: when, found: true }));
  };

  const A = await report(collectorOne, at('23 09:00'), gridOne);
  await registerAndDispatch(A, at('23 09:00'), waterDepartment);
  await feedback(A, at('23 11:00'));
  await verify(A, collectorOne, at('23 11:30'));
  await close(A, at('23 11:40'));

  const B = await report(collectorOne, at('23 09:00'), gridOne);
  await registerAndDispatch(B, at('23 09:00'), waterDepartment);
  await step((sql) => markOverdue(sql, { caseId: B, actor: actors.dispatcher, at: at('23 15:00') }));
  await feedback(B, at('23 16:00'));
  await verify(B, collectorTwo, at('24 10:00'));
  await close(B, at('24 10:10'));

  const C = await report(collectorTwo, at('23 08:00'), gridTwo);
  await confirm(C, collectorTwo, at('23 08:00'), at('23 08:30'));
  await registerAndDispatch(C, at('23 09:00'), waterDepartment);
  await feedback(C, at('23 10:00'));
  await verify(C, collectorTwo, at('23 10:30'), false);
  await step((sql) => reworkCase(sql, { caseId: C, actor: actors.shiftLeader, at: at('23 10:30') }, deps));
  await feedback(C, at('23 16:00'));
  await verify(C, collectorTwo, at('23 16:20'));
  await close(C, at('23 16:30'));

  const D = await report(collectorOne, at('23 08:00'), gridTwo);
  await confirm(D, collectorOne, at('23 08:00'), at('23 09:30'));
  await registerAndDispatch(D, at('23 09:30'), waterDepartment);
  await step((sql) => requestReturn(sql, { caseId: D, actor: actors.department, at: at('23 09:45') }));
  await step((sql) => returnCase(sql, { caseId: D, actor: actors.dispatcher, at: at('23 10:00'), approved: true }));
  await step((sql) => dispatchCase(sql, { caseId: D, actor: actors.dispatcher, at: at('23 10:00'), departmentId: roadsDepartment }, deps));
  await feedback(D, at('23 14:30'));
  await verify(D, collectorOne, at('23 15:00'));
  await close(D, at('23 15:10'));

  const E = await report(collectorTwo, at('23 09:00'), gridOne);
  await registerAndDispatch(E, at('23 09:00'), roadsDepartment);
  await step((sql) => requestExtension(sql, { caseId: E, actor: actors.department, at: at('23 11:00'), limit: '1 工作日' }));
  await step((sql) => extendCase(sql, { caseId: E, actor: actors.dispatcher, at: at('23 11:30'), approved: true, limit: '1 工作日' }, deps));
  await feedback(E, at('24 14:00'));
  await verify(E, collectorTwo, at('24 14:30'));
  await close(E, at('24 14:40'));

  const F = await report(collectorOne, at('27 09:00'), gridTwo);
  await registerAndDispatch(F, at('27 09:00'), roadsDepartment);
  await step((sql) => requestSuspension(sql, { caseId: F, actor: actors.department, at: at('27 10:00') }));
  await step((sql) => suspendCase(sql, { caseId: F, actor: actors.shiftLeader, at: at('27 11:00'), approved: true }, deps));
  await step((sql) => resumeCase(sql, { caseId: F, actor: actors.shiftLeader, at: at('01 09:00', '12') }, deps));

  const G = await report(collectorTwo, at('23 09:00'), gridOne);
  await registerAndDispatch(G, at('23 09:00'), waterDepartment);
  await step((sql) => voidCase(sql, { caseId: G, actor: actors.shiftLeader, at: at('23 10:00'), approved: true }));

  const H = await report(collectorOne, at('26 09:00'), gridTwo);
  await registerAndDispatch(H, at('26 09:00'), waterDepartment);
  await step((sql) => markOverdue(sql, { caseId: H, actor: actors.dispatcher, at: at('26 15:00') }));

  const I = await report(collectorOne, at('23 09:00'), gridOne);
  await step((sql) => rejectCase(sql, { caseId: I, actor: actors.shiftLeader, at: at('23 09:30') }));

  const J = await report(collectorOne, at('20 09:00'), gridOne);
  await registerAndDispatch(J, at('20 09:00'), waterDepartment);
  await feedback(J, at('20 10:00'));
  await verify(J, collectorOne, at('20 10:30'));
  await close(J, at('20 10:40'));

  return { A, B, C, D, E, F, G, H, I, J };
}
