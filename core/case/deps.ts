import type { TimeLimit } from '../ports/calendar.ts';
import type { Actor, AreaGrade, Urgency } from './case-types.ts';

export type { TimeLimit, WorkingCalendar } from '../ports/calendar.ts';

export type ClassKind = 'component' | 'event';

export interface ClassRef {
  scheme: string;
  kind: ClassKind;
  code: string;
}

/** What case actions need of the standards catalogue (case-class-rules.ts adapts the catalogue to this). */
export interface CaseClassRules {
  /**
   * The class a report names. Without `kind`, a code that is both a component and an event class is ambiguous
   * (Invalid). Unknown or disabled classes are Invalid too, naming the field.
   */
  resolveClass(scheme: string, code: string, kind?: ClassKind): ClassRef & { name: string };
  /** The handling time limit for a class in an area grade at an urgency; null when the class has no rule. */
  deadlineLimit(cls: ClassRef, areaGrade: AreaGrade, urgency: Urgency): TimeLimit | null;
}

/** Everything every action takes besides its own fields. */
export interface ActionInput {
  caseId: string;
  actor: Actor;
  at: Date;
  comment?: string | null;
  attachments?: string[];
  /** A job key, so a job delivered twice changes the case once. */
  idempotencyKey?: string | null;
}

/** An approval decision: who approved is the input's actor. */
export interface ApprovalInput extends ActionInput {
  approved: boolean;
}
