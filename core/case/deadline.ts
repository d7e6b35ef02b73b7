import { Invalid } from '../errors.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import { isContinuous } from '../calendar/time-limit.ts';
import type { CaseRecord } from './case-types.ts';
import type { CaseClassRules, TimeLimit } from './deps.ts';

export interface DeadlineDeps {
  rules: CaseClassRules;
  calendar: WorkingCalendar;
}

/** The class's time limit for the case's area grade and urgency. A class without one is a data error. */
export function handlingLimit(rules: CaseClassRules, current: CaseRecord): TimeLimit {
  const limit = rules.deadlineLimit({ scheme: current.classScheme, kind: current.classKind, code: current.classCode }, current.areaGrade, current.urgency);
  if (!limit) {
    throw new Invalid(`class ${current.classScheme}/${current.classCode} has no handling time limit for area grade ${current.areaGrade}`, {
      field: 'classCode',
    });
  }
  return limit;
}

/** The deadline of a handling round starting at `start`, from the class rule through the working-time calendar. */
export function handlingDeadline(deps: DeadlineDeps, current: CaseRecord, start: Date) {
  return deps.calendar.addWorkingTime(start, handlingLimit(deps.rules, current));
}

/**
 * Urgent limits run on a continuous clock, the rest on working time. The time left when a case is suspended is
 * measured on the case's own clock, in minutes, so resuming gives back exactly what was left.
 */
export function remainingMinutes(deps: DeadlineDeps, current: CaseRecord, now: Date): number {
  if (!current.deadline) return 0;
  const unit = handlingLimit(deps.rules, current).unit;
  const left = deps.calendar.remainingTime(new Date(current.deadline), now, unit);
  return Math.max(0, Math.round(left.milliseconds / 60_000));
}

export function deadlineAfterResume(deps: DeadlineDeps, current: CaseRecord, now: Date) {
  const minutes = current.remainingMinutes ?? 0;
  // A case suspended after its deadline passed is due again at once.
  if (minutes <= 0) return { due: now, approximate: false };
  const unit = isContinuous(handlingLimit(deps.rules, current).unit) ? 'minute' : 'working-hour';
  return deps.calendar.addWorkingTime(now, { amount: unit === 'minute' ? minutes : minutes / 60, unit });
}

/** True once the case's deadline has come; a case without a deadline is never due. */
export function deadlinePassed(current: CaseRecord, at: Date): boolean {
  return current.deadline !== null && new Date(current.deadline) <= at;
}
