import type { Sql } from '../ports/database.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import type { Period } from './period.ts';
import type { IndicatorSet } from './indicator-definitions.ts';
import { add, record, subjectOf, type DigestEntry, type FactsMap, type ReplayClock, type SubjectFacts } from './replay-facts.ts';
import { replayStaff, type StaffFacts } from './staff-replay.ts';

export type { SubjectFacts } from './replay-facts.ts';

export type RegionLevel = 'grid' | 'community' | 'street';
export const regionLevels: readonly RegionLevel[] = ['grid', 'community', 'street'];

/** Every subject's facts from one replay: regions at each level, since the same events count for all three. */
export interface FactsBySubject extends StaffFacts {
  department: FactsMap;
  collector: FactsMap;
  region: Record<RegionLevel, FactsMap>;
}

interface CaseRow {
  case_id: string;
  grid_code: string | null;
  community: string | null;
  street: string | null;
  /** Only for cases another channel reported: a collector's own report is never a 漏报. */
  responsibility_grids: string[];
  events: DigestEntry[];
}

interface Collector {
  id: string;
  name: string;
}

/**
 * The active collectors patrolling each responsibility grid, as assigned now: the platform keeps no history of
 * assignments, so a reassigned grid's 漏报 of past periods falls to its new collector.
 */
async function collectorsByGrid(sql: Sql): Promise<Map<string, Collector[]>> {
  const { rows } = await sql.query<{ grid_code: string; id: string; name: string }>(
    `SELECT trim(ug.grid_code) AS grid_code, u.id::text AS id, u.display_name AS name
       FROM user_grid ug JOIN app_user u ON u.id = ug.user_id JOIN user_role r ON r.user_id = u.id AND r.role = 'collector'
      WHERE u.active ORDER BY u.id`,
  );
  const byGrid = new Map<string, Collector[]>();
  for (const { grid_code: grid, ...collector } of rows) byGrid.set(grid, [...(byGrid.get(grid) ?? []), collector]);
  return byGrid;
}

/** In history order: the trigger appends in commit order, which for one case is id order but is not promised. */
function inOrder(events: DigestEntry[]): DigestEntry[] {
  for (let i = 1; i < events.length; i++) if (events[i]![0] < events[i - 1]![0]) return [...events].sort((a, b) => a[0] - b[0]);
  return events;
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

/**
 * Replays the history of every case that could count in the period and records, per subject and measure, the
 * cases behind it. Deadlines come from the history rows (dispatch, rework, extend, resume), which the calendar
 * computed in working time with suspended time already left out, so on time is a comparison of instants. Runs in
 * the caller's transaction, whose memory for the join it raises.
 */
export async function replayHistory(
  sql: Sql,
  period: Period,
  deps: { calendar: WorkingCalendar; indicators: IndicatorSet },
): Promise<FactsBySubject> {
  // The month of a large city joins 100 k+ cases to their digests: in the default 4 MB the hash spills to disk,
  // and compiling the plan (JIT) costs more than it saves on a scan this simple.
  await sql.exec(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`);
  const { rows } = await sql.query<CaseRow>(
    `SELECT c.id AS case_id, c.grid_code, c.community, c.street, d.events,
            CASE WHEN c.source = 'collector' THEN '{}' ELSE c.responsibility_grids END AS responsibility_grids
       FROM "case" c JOIN case_event_digest d ON d.case_id = c.id
      WHERE c.reported_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $1)`,
    [period.from, period.to],
  );
  const facts: FactsBySubject = {
    department: new Map(),
    collector: new Map(),
    region: { grid: new Map(), community: new Map(), street: new Map() },
    acceptor: new Map(),
    'shift-leader': new Map(),
    dispatcher: new Map(),
  };
  const clock: ReplayClock = {
    from: period.from.getTime(),
    to: period.to.getTime(),
    within: (limit, start, at) => start === null || at <= deps.calendar.addWorkingTime(new Date(start), limit).due.getTime(),
  };
  const { within, from, to } = clock;
  const patrols = await collectorsByGrid(sql);
  const { confirmationLimit, verificationLimit } = deps.indicators.parameters;

  for (const first of rows) {
    const caseId = first.case_id;
    const events = inOrder(first.events);
    replayStaff(events, caseId, facts, clock, deps.indicators.parameters);
    const department = (id: string | null, measure: string) => record(facts.department, id, id ?? '', measure, caseId);
    let regions: SubjectFacts[] | null = null;
    const regional = (measure: string) => {
      regions ??= (
        [
          [facts.region.grid, first.grid_code],
          [facts.region.community, first.community],
          [facts.region.street, first.street],
        ] as const
      ).flatMap(([level, id]) => (id === null ? [] : [subjectOf(level, id, id)]));
      for (const region of regions) add(region, measure, caseId);
    };
    const collector = (actor: { id: string; name: string } | null, measure: string) => actor && record(facts.collector, actor.id, actor.name, measure, caseId);
    let round: Round | null = null;
    let suspended = false;
    let open = true;
    let reporter: Collector | null = null;
    let reportedByCollector = false;
    let reportedInPeriod = false;
    let registered = false;
    let confirmationRequestedAt: number | null = null;
    let handedInAt: number | null = null;
    // After a rework the department hands in again; the last result in the period is the one judged.
    let handledInPeriod: { departmentId: string; onTime: boolean } | null = null;
    // Likewise a collector who verifies the same case twice (a failed result, then the rework) is judged on the last.
    const verifications = new Map<string, { id: string; name: string; onTime: boolean }>();

    for (const [, at, actorId, actorName, actorRole, action, deadlineText, departmentId] of events) {
      if (at >= to) continue;
      const inPeriod = at >= from;
      const actor = actorRole === 'collector' && actorId !== null ? { id: String(actorId), name: actorName ?? '' } : null;
      const deadline = deadlineText === null ? null : Date.parse(deadlineText);

      switch (action) {
        case 'report':
          reporter = actor;
          reportedByCollector = actorRole === 'collector';
          reportedInPeriod = inPeriod;
          if (inPeriod) {
            collector(actor, 'reported');
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
            collector(actor, 'confirmed');
            if (within(confirmationLimit, confirmationRequestedAt, at)) collector(actor, 'confirmedOnTime');
          }
          break;
        case 'dispatch':
          round = { departmentId: String(departmentId), deadline, handedIn: false, handedInOnTime: false };
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
      if (action === 'close' && inPeriod && round) {
        for (const measure of round.handedInOnTime ? ['closed', 'closedOnTime'] : ['closed']) {
          department(round.departmentId, measure);
          regional(measure);
        }
      }
      if (finished.has(action)) open = false;
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
    // 漏报: a problem in a collector's grid that another channel (a citizen, the hotline) had to report.
    if (!reportedByCollector && reportedInPeriod && registered) {
      for (const grid of first.responsibility_grids) {
        for (const patrol of patrols.get(grid) ?? []) record(facts.collector, patrol.id, patrol.name, 'missedReports', caseId);
      }
    }
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
