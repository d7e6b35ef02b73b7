import type { Sql } from '../ports/database.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import type { Period } from './period.ts';
import type { IndicatorSet } from './indicator-definitions.ts';

export type RegionLevel = 'grid' | 'community' | 'street';
export const regionLevels: readonly RegionLevel[] = ['grid', 'community', 'street'];

/** The case ids behind each measure of one assessed subject (a department, a collector, a region). */
export interface SubjectFacts {
  id: string;
  name: string;
  measures: Map<string, Set<string>>;
}

type FactsMap = Map<string, SubjectFacts>;

/** Every subject's facts from one replay: regions at each level, since the same events count for all three. */
export interface FactsBySubject {
  department: FactsMap;
  collector: FactsMap;
  region: Record<RegionLevel, FactsMap>;
}

/** Only the fields the replay reads: the full `data` document and Date parsing cost most of the time at scale. */
interface EventRow {
  case_id: string;
  at_ms: number;
  actor_id: string | number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  deadline: string | null;
  department_id: string | null;
  grid_code: string | null;
  community: string | null;
  street: string | null;
}

/** The department's current handling round: its deadline in force and whether the result has been handed in. */
interface Round {
  departmentId: string;
  /** Epoch milliseconds. */
  deadline: number | null;
  handedIn: boolean;
  handedInOnTime: boolean;
}

const finished = new Set(['close', 'void', 'reject', 'merge']);
const replayedActions = [
  ...['report', 'register', 'request-confirmation', 'confirm', 'dispatch', 'rework', 'extend', 'suspend', 'resume', 'return'],
  ...['feedback', 'verify', 'verify-failed', ...finished],
];

function record(facts: FactsMap, id: string | null, name: string, measure: string, caseId: string): void {
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

/**
 * Replays the history of every case that could count in the period and records, per subject and measure, the
 * cases behind it. Deadlines come from the history rows (dispatch, rework, extend, resume), which the calendar
 * computed in working time with suspended time already left out, so on time is a comparison of instants.
 */
export async function replayHistory(
  sql: Sql,
  period: Period,
  deps: { calendar: WorkingCalendar; indicators: IndicatorSet },
): Promise<FactsBySubject> {
  const { rows } = await sql.query<EventRow>(
    `SELECT e.case_id, (extract(epoch FROM e.at) * 1000)::float8 AS at_ms, e.actor_id, e.actor_name, e.actor_role, e.action,
            e.data->>'deadline' AS deadline, e.data->>'departmentId' AS department_id, c.grid_code, c.community, c.street
       FROM case_event e JOIN "case" c ON c.id = e.case_id
      WHERE e.at < $2 AND c.reported_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $1) AND e.action = ANY($3::text[])
      ORDER BY e.case_id, e.id`,
    [period.from, period.to, replayedActions],
  );
  const facts: FactsBySubject = { department: new Map(), collector: new Map(), region: { grid: new Map(), community: new Map(), street: new Map() } };
  const within = (limit: string, start: number | null, at: number) => start === null || at <= deps.calendar.addWorkingTime(new Date(start), limit).due.getTime();
  const { confirmationLimit, verificationLimit } = deps.indicators.parameters;
  const from = period.from.getTime();
  const to = period.to.getTime();

  let index = 0;
  while (index < rows.length) {
    const first = rows[index]!;
    const caseId = first.case_id;
    const department = (id: string | null, measure: string) => record(facts.department, id, id ?? '', measure, caseId);
    const regional = (measure: string) => {
      record(facts.region.grid, first.grid_code, first.grid_code ?? '', measure, caseId);
      record(facts.region.community, first.community, first.community ?? '', measure, caseId);
      record(facts.region.street, first.street, first.street ?? '', measure, caseId);
    };
    let round: Round | null = null;
    let suspended = false;
    let open = true;
    let reporter: { id: string; name: string } | null = null;
    let reportedInPeriod = false;
    let registered = false;
    let confirmationRequestedAt: number | null = null;
    let handedInAt: number | null = null;
    // After a rework the department hands in again; the last result in the period is the one judged.
    let handledInPeriod: { departmentId: string; onTime: boolean } | null = null;
    // Likewise a collector who verifies the same case twice (a failed result, then the rework) is judged on the last.
    const verifications = new Map<string, { id: string; name: string; onTime: boolean }>();

    for (; index < rows.length && rows[index]!.case_id === caseId; index += 1) {
      const event = rows[index]!;
      const at = event.at_ms;
      const inPeriod = at >= from;
      const actor = event.actor_role === 'collector' && event.actor_id !== null ? { id: String(event.actor_id), name: event.actor_name ?? '' } : null;
      const collector = (measure: string) => actor && record(facts.collector, actor.id, actor.name, measure, caseId);
      const deadline = event.deadline === null ? null : Date.parse(event.deadline);

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
          round = { departmentId: String(event.department_id), deadline, handedIn: false, handedInOnTime: false };
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
      else if (round.deadline !== null && round.deadline < to) {
        department(round.departmentId, 'overduePending');
        regional('overduePending');
      }
    }
  }
  return facts;
}
