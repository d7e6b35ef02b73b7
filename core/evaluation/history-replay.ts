import type { Sql } from '../ports/database.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import type { Period } from './period.ts';
import type { IndicatorSet, Subject } from './indicator-definitions.ts';

export type RegionLevel = 'grid' | 'community' | 'street';
export const regionLevels: readonly RegionLevel[] = ['grid', 'community', 'street'];

/** The case ids behind each measure of one assessed subject (a department, a collector, a region). */
export interface SubjectFacts {
  id: string;
  name: string;
  measures: Map<string, Set<string>>;
}

export type FactsBySubject = Record<Subject, Map<string, SubjectFacts>>;

interface EventRow {
  case_id: string;
  at: Date | string;
  actor_id: string | number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  data: Record<string, unknown> | string;
  region: string | null;
}

/** The department's current handling round: its deadline in force and whether the result has been handed in. */
interface Round {
  departmentId: string;
  deadline: Date | null;
  handedIn: boolean;
  handedInOnTime: boolean;
}

const regionColumn: Record<RegionLevel, string> = { grid: 'c.grid_code', community: 'c.community', street: 'c.street' };
const finished = new Set(['close', 'void', 'reject', 'merge']);

function record(facts: Map<string, SubjectFacts>, id: string | null, name: string, measure: string, caseId: string): void {
  if (id === null) return;
  let subject = facts.get(id);
  if (!subject) {
    subject = { id, name, measures: new Map() };
    facts.set(id, subject);
  }
  let cases = subject.measures.get(measure);
  if (!cases) {
    cases = new Set();
    subject.measures.set(measure, cases);
  }
  cases.add(caseId);
}

const instant = (value: Date | string | unknown) => (value instanceof Date ? value : new Date(String(value)));

/**
 * Replays the history of every case that could count in the period and records, per subject and measure, the
 * cases behind it. Deadlines come from the history rows (dispatch, rework, extend, resume), which the calendar
 * computed in working time with suspended time already left out, so on time is a comparison of instants.
 */
export async function replayHistory(
  sql: Sql,
  period: Period,
  deps: { calendar: WorkingCalendar; indicators: IndicatorSet; regionLevel: RegionLevel },
): Promise<FactsBySubject> {
  const { rows } = await sql.query<EventRow>(
    `SELECT e.case_id, e.at, e.actor_id, e.actor_name, e.actor_role, e.action, e.data, ${regionColumn[deps.regionLevel]} AS region
       FROM case_event e JOIN "case" c ON c.id = e.case_id
      WHERE e.at < $2 AND c.reported_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $1)
      ORDER BY e.case_id, e.id`,
    [period.from, period.to],
  );
  const facts: FactsBySubject = { department: new Map(), collector: new Map(), region: new Map() };
  const within = (limit: string, start: Date | null, at: Date) => start === null || at <= deps.calendar.addWorkingTime(start, limit).due;
  const { confirmationLimit, verificationLimit } = deps.indicators.parameters;

  let index = 0;
  while (index < rows.length) {
    const caseId = rows[index]!.case_id;
    const region = rows[index]!.region;
    const department = (id: string | null, measure: string) => record(facts.department, id, id ?? '', measure, caseId);
    const regional = (measure: string) => record(facts.region, region, region ?? '', measure, caseId);
    let round: Round | null = null;
    let suspended = false;
    let open = true;
    let reporter: { id: string; name: string } | null = null;
    let reportedInPeriod = false;
    let registered = false;
    let confirmationRequestedAt: Date | null = null;
    let handedInAt: Date | null = null;
    // After a rework the department hands in again; the last result in the period is the one judged.
    let handledInPeriod: { departmentId: string; onTime: boolean } | null = null;
    // Likewise a collector who verifies the same case twice (a failed result, then the rework) is judged on the last.
    const verifications = new Map<string, { id: string; name: string; onTime: boolean }>();

    for (; index < rows.length && rows[index]!.case_id === caseId; index += 1) {
      const event = rows[index]!;
      const at = instant(event.at);
      const inPeriod = at >= period.from;
      const data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as Record<string, unknown>;
      const actor = event.actor_role === 'collector' && event.actor_id !== null ? { id: String(event.actor_id), name: event.actor_name ?? '' } : null;
      const collector = (measure: string) => actor && record(facts.collector, actor.id, actor.name, measure, caseId);
      const deadline = typeof data.deadline === 'string' ? new Date(data.deadline) : null;

      switch (event.action) {
        case 'report':
          reporter = actor;
          reportedInPeriod = inPeriod;
          if (inPeriod) {
            collector('reported');
            regional('occurred');
          }
          break;
        case 'register':
          registered = true;
          if (inPeriod) regional('registered');
          break;
        case 'request-confirmation':
          confirmationRequestedAt = at;
          break;
        case 'confirm':
          if (inPeriod) {
            collector('confirmed');
            if (within(confirmationLimit, confirmationRequestedAt, at)) collector('confirmedOnTime');
          }
          break;
        case 'dispatch':
          round = { departmentId: String(data.departmentId), deadline, handedIn: false, handedInOnTime: false };
          break;
        case 'rework':
          if (round) {
            round.deadline = deadline;
            round.handedIn = false;
            if (inPeriod) department(round.departmentId, 'reworked');
          }
          break;
        case 'extend':
          if (round) {
            round.deadline = deadline;
            if (inPeriod) department(round.departmentId, 'extended');
          }
          break;
        case 'suspend':
          suspended = true;
          break;
        case 'resume':
          suspended = false;
          if (round) round.deadline = deadline;
          break;
        case 'return':
          if (round && inPeriod) department(round.departmentId, 'returned');
          round = null;
          break;
        case 'feedback':
          if (round) {
            round.handedIn = true;
            round.handedInOnTime = round.deadline === null || at <= round.deadline;
            handedInAt = at;
            if (inPeriod) handledInPeriod = { departmentId: round.departmentId, onTime: round.handedInOnTime };
          }
          break;
        case 'verify':
        case 'verify-failed':
          if (inPeriod && actor) verifications.set(actor.id, { ...actor, onTime: within(verificationLimit, handedInAt, at) });
          break;
      }
      if (event.action === 'close' && inPeriod && round) {
        for (const measure of round.handedInOnTime ? ['closed', 'closedOnTime'] : ['closed']) {
          department(round.departmentId, measure);
          regional(measure);
        }
      }
      if (finished.has(event.action)) open = false;
    }

    if (handledInPeriod) {
      department(handledInPeriod.departmentId, 'handled');
      department(handledInPeriod.departmentId, handledInPeriod.onTime ? 'handledOnTime' : 'handledLate');
    }
    for (const verification of verifications.values()) {
      for (const measure of verification.onTime ? ['verified', 'verifiedOnTime'] : ['verified']) {
        record(facts.collector, verification.id, verification.name, measure, caseId);
      }
    }
    if (reporter && reportedInPeriod && registered) record(facts.collector, reporter.id, reporter.name, 'validReports', caseId);
    if (open && round && !round.handedIn) {
      if (suspended) department(round.departmentId, 'suspended');
      else if (round.deadline !== null && round.deadline < period.to) {
        department(round.departmentId, 'overduePending');
        regional('overduePending');
      }
    }
  }
  return facts;
}
