/** What one replay records: the case ids behind each measure of each assessed subject. */

/**
 * The case ids behind each measure of one assessed subject (a department, a collector, a region), each case once,
 * in the order replayed. Arrays, not sets: the replay records a case's measures while it replays that case, so a
 * repeat is always the last id recorded, and at a million cases pushing costs a fraction of hashing.
 */
export interface SubjectFacts {
  id: string;
  name: string;
  measures: Map<string, string[]>;
}

export type FactsMap = Map<string, SubjectFacts>;

/** One history row as case_event_digest keeps it (migration 0021): only the fields the replay reads. */
export type DigestEntry = [
  id: number,
  atMs: number,
  actorId: number | null,
  actorName: string | null,
  actorRole: string | null,
  action: string,
  deadline: string | null,
  departmentId: string | null,
];

export function subjectOf(facts: FactsMap, id: string, name: string): SubjectFacts {
  let subject = facts.get(id);
  if (!subject) {
    subject = { id, name, measures: new Map() };
    facts.set(id, subject);
  }
  return subject;
}

export function add(subject: SubjectFacts, measure: string, caseId: string): void {
  const cases = subject.measures.get(measure);
  if (!cases) subject.measures.set(measure, [caseId]);
  else if (cases[cases.length - 1] !== caseId) cases.push(caseId);
}

export function record(facts: FactsMap, id: string | null, name: string, measure: string, caseId: string): void {
  if (id !== null) add(subjectOf(facts, id, name), measure, caseId);
}

/** The period being replayed, in epoch milliseconds, and how on time is judged: in working time from `start`. */
export interface ReplayClock {
  from: number;
  to: number;
  /** Whether `at` lies within `limit` of `start`; no start (the step that starts the clock is missing) is on time. */
  within(limit: string, start: number | null, at: number): boolean;
}
