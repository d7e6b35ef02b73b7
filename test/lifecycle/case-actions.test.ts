import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Conflict, Invalid } from '../../core/errors.ts';
import type { Database } from '../../core/ports/database.ts';
import { readCase } from '../../core/case/case-store.ts';
import { caseHistory } from '../../core/case/history.ts';
import { pendingNotices } from '../../core/case/notice-outbox.ts';
import { reportCase } from '../../core/case/actions/report.ts';
import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { mergeCase } from '../../core/case/actions/merge.ts';
import { markOverdue } from '../../core/case/actions/mark-overdue.ts';
import { superviseCase } from '../../core/case/actions/supervise.ts';
import { urgeCase } from '../../core/case/actions/urge.ts';
import { requestReturn } from '../../core/case/actions/request-return.ts';
import { returnCase } from '../../core/case/actions/return.ts';
import { requestExtension } from '../../core/case/actions/request-extension.ts';
import { extendCase } from '../../core/case/actions/extend.ts';
import { requestSuspension } from '../../core/case/actions/request-suspension.ts';
import { suspendCase } from '../../core/case/actions/suspend.ts';
import { resumeCase } from '../../core/case/actions/resume.ts';
import { voidCase } from '../../core/case/actions/void.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import { reworkCase } from '../../core/case/actions/rework.ts';
import { closeCase } from '../../core/case/actions/close.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  actors,
  caseDeps,
  givenHandlingCase,
  givenRegisteredCase,
  givenReportedCase,
  givenVerifyingCase,
  hour,
  manholeReport,
  mondayNine,
  waterDepartment,
} from './builders.ts';

const at = (iso: string) => new Date(iso);
const nine = at(mondayNine);
const later = (ms: number) => new Date(nine.getTime() + ms);

describe('case actions', () => {
  let t: TestDatabase;
  let db: Database;
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
  });
  after(() => t.dispose());

  const countCases = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n);

  describe('report', () => {
    it('numbers cases per Beijing day and writes the first history row', async () => {
      // 23:30 UTC on the 22nd is already the 23rd in Beijing
      const first = await givenReportedCase(db, at('2026-11-22T23:30:00Z'));
      const second = await givenReportedCase(db, at('2026-11-23T02:00:00Z'));
      assert.match(first.caseNumber, /^20261123\d{5}$/);
      assert.equal(Number(second.caseNumber) - Number(first.caseNumber), 1);
      assert.equal(first.status, 'reported');
      assert.equal(first.statusKind, 'open');
      assert.equal(first.className, '供水井盖');
      const history = await caseHistory(db, first.id);
      assert.deepEqual(
        history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole]),
        [['report', null, 'reported', 'collector']],
      );
    });

    for (const [name, overrides, field] of [
      ['an unknown class code', { classCode: '99999' }, 'classCode'],
      ['a code that is both a component and an event, without the kind', { classKind: undefined }, 'classKind'],
      ['an unknown scheme', { classScheme: 'cjt999' }, 'classScheme'],
      ['a longitude out of range', { location: { lng: 181, lat: 31 } }, 'location.lng'],
      ['a latitude out of range', { location: { lng: 121, lat: -91 } }, 'location.lat'],
    ] as const) {
      it(`refuses ${name}, naming the field, and writes nothing`, async () => {
        const before = await countCases();
        await assert.rejects(
          db.transaction((sql) => reportCase(sql, manholeReport(nine, overrides), caseDeps())),
          (error: unknown) => error instanceof Invalid && error.field === field,
        );
        assert.equal(await countCases(), before);
      });
    }
  });

  describe('wrong state', () => {
    it('is a Conflict naming the current status, and changes nothing', async () => {
      const reported = await givenReportedCase(db, nine);
      await assert.rejects(
        db.transaction((sql) =>
          dispatchCase(sql, { caseId: reported.id, actor: actors.dispatcher, at: nine, departmentId: waterDepartment }, caseDeps()),
        ),
        (error: unknown) => error instanceof Conflict && /待受理/.test(error.message) && error.extra?.currentStatus === 'reported',
      );
      assert.equal((await readCase(db, reported.id)).status, 'reported');
      assert.equal((await caseHistory(db, reported.id)).length, 1);
    });

    it('refuses to close a case that was never verified', async () => {
      const handling = await givenHandlingCase(db, nine);
      await assert.rejects(
        db.transaction((sql) => closeCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: nine })),
        (error: unknown) => error instanceof Conflict && error.extra?.currentStatus === 'handling',
      );
    });
  });

  describe('dispatch', () => {
    it('sets the deadline from the class rule through the working-time calendar', async () => {
      const handling = await givenHandlingCase(db, nine);
      assert.equal(handling.status, 'handling');
      assert.equal(handling.departmentId, waterDepartment);
      // 4 工作时 from Monday 09:00 Beijing, with the lunch break: 15:00 Beijing
      assert.equal(handling.deadline, '2026-11-23T07:00:00.000Z');
      assert.equal(handling.dispatchCount, 1);
    });

    it('gives an urgent case the urgent condition on a continuous clock', async () => {
      const handling = await givenHandlingCase(db, nine, { urgency: 'urgent' });
      assert.equal(handling.deadline, later(2 * hour).toISOString());
    });

    it('refuses an unknown department with a BPMN error code the diagram catches', async () => {
      const registered = await givenRegisteredCase(db, nine);
      await assert.rejects(
        db.transaction((sql) => dispatchCase(sql, { caseId: registered.id, actor: actors.dispatcher, at: nine, departmentId: 'nobody' }, caseDeps())),
        (error: unknown) => error instanceof Invalid && error.bpmnErrorCode === 'INVALID_DEPARTMENT' && error.field === 'departmentId',
      );
      assert.equal((await readCase(db, registered.id)).status, 'registered');
    });
  });

  describe('merge', () => {
    it('merges a report into an existing case and refuses a case as its own duplicate', async () => {
      const original = await givenHandlingCase(db, nine);
      const duplicate = await givenReportedCase(db, nine);
      await assert.rejects(
        db.transaction((sql) => mergeCase(sql, { caseId: duplicate.id, actor: actors.shiftLeader, at: nine, duplicateOf: duplicate.id })),
        (error: unknown) => error instanceof Invalid && error.field === 'duplicateOf',
      );
      const merged = await db.transaction((sql) =>
        mergeCase(sql, { caseId: duplicate.id, actor: actors.shiftLeader, at: nine, duplicateOf: original.id }),
      );
      assert.equal(merged.case.status, 'merged');
      assert.equal(merged.case.statusKind, 'closed');
      assert.equal(merged.case.duplicateOf, original.id);
    });
  });

  describe('return', () => {
    it('approved: back to dispatch without a department, counted once however often the job runs', async () => {
      const handling = await givenHandlingCase(db, nine);
      await db.transaction((sql) => requestReturn(sql, { caseId: handling.id, actor: actors.department, at: nine, comment: '非本部门职责' }));
      const approve = () =>
        db.transaction((sql) =>
          returnCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: nine, approved: true, comment: '同意', idempotencyKey: 'job-1' }),
        );
      await approve();
      const again = await approve();
      assert.equal(again.applied, false);
      const returned = await readCase(db, handling.id);
      assert.equal(returned.status, 'returned');
      assert.equal(returned.departmentId, null);
      assert.equal(returned.returnCount, 1);
      const approval = (await caseHistory(db, handling.id)).at(-1);
      assert.deepEqual([approval?.action, approval?.actorName, approval?.comment, approval?.data.decision], ['return', '赵派遣', '同意', 'approved']);
    });

    it('denied: the department keeps the case and the denial is recorded', async () => {
      const handling = await givenHandlingCase(db, nine);
      await db.transaction((sql) => requestReturn(sql, { caseId: handling.id, actor: actors.department, at: nine }));
      const denied = await db.transaction((sql) =>
        returnCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: nine, approved: false, comment: '属于你部门' }),
      );
      assert.equal(denied.case.status, 'handling');
      assert.equal(denied.case.departmentId, waterDepartment);
      assert.equal(denied.case.returnCount, 0);
      assert.equal((await caseHistory(db, handling.id)).at(-1)?.action, 'return-denied');
    });
  });

  describe('extension', () => {
    it('refuses a limit that is not a time limit', async () => {
      const handling = await givenHandlingCase(db, nine);
      await assert.rejects(
        db.transaction((sql) => requestExtension(sql, { caseId: handling.id, actor: actors.department, at: nine, limit: 'two days' })),
        (error: unknown) => error instanceof Invalid && error.field === 'extensionLimit',
      );
    });

    it('approved moves the deadline by the working time asked for; denied leaves it', async () => {
      const handling = await givenHandlingCase(db, nine);
      const request = () => db.transaction((sql) => requestExtension(sql, { caseId: handling.id, actor: actors.department, at: nine, limit: '2 工作日' }));
      await request();
      const approved = await db.transaction((sql) =>
        extendCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: nine, approved: true, limit: '2 工作日' }, caseDeps()),
      );
      // 15:00 Monday + 2 working days (8 working hours each) = 15:00 Wednesday
      assert.equal(approved.case.deadline, '2026-11-25T07:00:00.000Z');
      assert.equal(approved.case.extensionCount, 1);
      assert.equal(approved.case.status, 'handling');
      await request();
      const denied = await db.transaction((sql) =>
        extendCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: nine, approved: false, limit: '2 工作日' }, caseDeps()),
      );
      assert.equal(denied.case.deadline, '2026-11-25T07:00:00.000Z');
      assert.equal(denied.case.extensionCount, 1);
      assert.deepEqual(
        (await caseHistory(db, handling.id)).slice(-4).map((e) => e.action),
        ['request-extension', 'extend', 'request-extension', 'extend-denied'],
      );
    });
  });

  describe('suspension', () => {
    it('stops the clock and gives the remaining working time back on resume', async () => {
      const handling = await givenHandlingCase(db, nine); // due 15:00 Monday
      await db.transaction((sql) => requestSuspension(sql, { caseId: handling.id, actor: actors.department, at: later(hour) }));
      // suspended at 11:00 Monday: 1 h before lunch + 1 h after = 2 working hours (120 min) left
      const suspended = await db.transaction((sql) =>
        suspendCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: later(2 * hour), approved: true }, caseDeps()),
      );
      assert.equal(suspended.case.status, 'suspended');
      assert.equal(suspended.case.statusKind, 'suspended');
      assert.equal(suspended.case.remainingMinutes, 120);
      // resumed Tuesday 09:00 Beijing: 2 working hours → 11:00
      const resumeAt = at('2026-11-24T01:00:00Z');
      const resumed = await db.transaction((sql) => resumeCase(sql, { caseId: handling.id, actor: actors.department, at: resumeAt }, caseDeps()));
      assert.equal(resumed.case.status, 'handling');
      assert.equal(resumed.case.deadline, '2026-11-24T03:00:00.000Z');
      assert.equal(resumed.case.suspensionCount, 1);
      assert.equal(resumed.case.suspendedSeconds, (resumeAt.getTime() - later(2 * hour).getTime()) / 1000);
      assert.equal(resumed.case.remainingMinutes, null);
    });
  });

  describe('overdue, supervise, urge', () => {
    it('marks overdue only once the deadline passed, and only once', async () => {
      const handling = await givenHandlingCase(db, nine); // due 15:00 Beijing = 07:00Z
      const early = await db.transaction((sql) => markOverdue(sql, { caseId: handling.id, actor: actors.dispatcher, at: later(hour) }));
      assert.equal(early.applied, false);
      const due = at('2026-11-23T07:00:00Z');
      await db.transaction((sql) => markOverdue(sql, { caseId: handling.id, actor: actors.dispatcher, at: due }));
      const twice = await db.transaction((sql) => markOverdue(sql, { caseId: handling.id, actor: actors.dispatcher, at: due }));
      assert.equal(twice.applied, false);
      assert.equal((await readCase(db, handling.id)).overdue, true);
      assert.equal((await caseHistory(db, handling.id)).filter((e) => e.action === 'mark-overdue').length, 1);
    });

    it('queues one supervision notice for the department head per key', async () => {
      const handling = await givenHandlingCase(db, nine);
      const supervise = () =>
        db.transaction((sql) => superviseCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: nine, idempotencyKey: 'deadline-1' }));
      await supervise();
      await supervise();
      const notices = await pendingNotices(db, { caseId: handling.id });
      assert.equal(notices.length, 1);
      assert.equal(notices[0]?.kind, 'supervise');
      assert.deepEqual(notices[0]?.recipient, { role: 'department-head', departmentId: waterDepartment });
      assert.equal((await readCase(db, handling.id)).supervised, true);
    });

    it('sends timer reminders only while overdue', async () => {
      const handling = await givenHandlingCase(db, nine);
      await db.transaction((sql) => urgeCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: later(hour), onlyWhenOverdue: true, idempotencyKey: 'a' }));
      assert.equal((await pendingNotices(db, { caseId: handling.id })).length, 0);
      await db.transaction((sql) => urgeCase(sql, { caseId: handling.id, actor: actors.dispatcher, at: later(8 * hour), onlyWhenOverdue: true, idempotencyKey: 'b' }));
      const notices = await pendingNotices(db, { caseId: handling.id });
      assert.deepEqual(notices.map((n) => [n.kind, n.recipient.role]), [['urge', 'department']]);
    });
  });

  describe('void', () => {
    it('approved at handling voids the case; a second void is a Conflict', async () => {
      const handling = await givenHandlingCase(db, nine);
      const voided = await db.transaction((sql) => voidCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: nine, approved: true, comment: '误报' }));
      assert.equal(voided.case.status, 'voided');
      assert.equal(voided.case.statusKind, 'voided');
      await assert.rejects(
        db.transaction((sql) => voidCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: nine, approved: true })),
        (error: unknown) => error instanceof Conflict && /已作废/.test(error.message),
      );
    });

    it('denied leaves the case where it was', async () => {
      const verifying = await givenVerifyingCase(db, nine);
      const denied = await db.transaction((sql) => voidCase(sql, { caseId: verifying.id, actor: actors.shiftLeader, at: nine, approved: false }));
      assert.equal(denied.case.status, 'verifying');
      assert.equal((await caseHistory(db, verifying.id)).at(-1)?.action, 'void-denied');
    });
  });

  describe('verify, rework, close', () => {
    it('a failed check sends the case back to the same department with a fresh deadline, counted', async () => {
      const verifying = await givenVerifyingCase(db, nine);
      await db.transaction((sql) => verifyCase(sql, { caseId: verifying.id, actor: actors.collector, at: later(hour), passed: false, comment: '未修复' }));
      const reworked = await db.transaction((sql) => reworkCase(sql, { caseId: verifying.id, actor: actors.collector, at: at('2026-11-24T01:00:00Z') }, caseDeps()));
      assert.equal(reworked.case.status, 'handling');
      assert.equal(reworked.case.departmentId, waterDepartment);
      assert.equal(reworked.case.reworkCount, 1);
      assert.equal(reworked.case.deadline, '2026-11-24T07:00:00.000Z');
    });

    it('a passed check can be closed', async () => {
      const verifying = await givenVerifyingCase(db, nine);
      await db.transaction((sql) => verifyCase(sql, { caseId: verifying.id, actor: actors.collector, at: nine, passed: true }));
      const closed = await db.transaction((sql) => closeCase(sql, { caseId: verifying.id, actor: actors.shiftLeader, at: later(hour) }));
      assert.equal(closed.case.status, 'closed');
      assert.equal(closed.case.statusKind, 'closed');
      assert.equal(closed.case.closedAt, later(hour).toISOString());
    });
  });

  it('keeps the history append-only and tied to existing cases', async () => {
    const reported = await givenReportedCase(db, nine);
    await assert.rejects(db.query('UPDATE case_event SET comment = $2 WHERE case_id = $1', [reported.id, 'changed']));
    await assert.rejects(db.query(`INSERT INTO case_event (case_id, action) VALUES ('no-such-case', 'report')`));
  });
});
