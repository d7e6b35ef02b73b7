import { staffRoles, type IndicatorSet, type StaffRole } from './indicator-definitions.ts';
import { record, type DigestEntry, type FactsMap, type ReplayClock } from './replay-facts.ts';

export type StaffFacts = Record<StaffRole, FactsMap>;

interface StaffMember {
  role: StaffRole;
  id: string;
  name: string;
}

const staffOf = (actorId: number | null, actorName: string | null, actorRole: string | null): StaffMember | null =>
  actorId !== null && (staffRoles as readonly (string | null)[]).includes(actorRole)
    ? { role: actorRole as StaffRole, id: String(actorId), name: actorName ?? '' }
    : null;

/**
 * Records what the command-centre staff did with one case in the period (人员考评): the acceptor who took it in or
 * sent it for confirmation, the shift leader who registered and closed it, the dispatchers who dispatched it. Each
 * clock starts at the step that handed the case over: the report (or the on-site confirmation) for registration,
 * the registration (or the approved return) for dispatch, the passing verification for closing. A registration
 * stays accurate unless the case was voided by the period end; a dispatch unless it was returned (回退: the wrong
 * department).
 */
export function replayStaff(
  events: readonly DigestEntry[],
  caseId: string,
  facts: StaffFacts,
  clock: ReplayClock,
  limits: IndicatorSet['parameters'],
): void {
  const count = (member: StaffMember, measure: string) => record(facts[member.role], member.id, member.name, measure, caseId);
  /** The step, and whether it came within `limit` of `start` (the measure's …OnTime twin). */
  const countTimed = (member: StaffMember, measure: string, limit: string, start: number | null, at: number) => {
    count(member, measure);
    if (clock.within(limit, start, at)) count(member, `${measure}OnTime`);
  };
  let reportedAt: number | null = null;
  let confirmedAt: number | null = null;
  let readyForDispatchAt: number | null = null;
  let passedAt: number | null = null;
  let registrar: StaffMember | null = null;
  let voided = false;
  // Dispatchers of the period, by id, with whether a dispatch of theirs was returned; the first one is timed.
  const dispatchers = new Map<string, { member: StaffMember; returned: boolean }>();
  let currentDispatcher: string | null = null;

  for (const [, at, actorId, actorName, actorRole, action] of events) {
    if (at >= clock.to) continue;
    const inPeriod = at >= clock.from;
    const staff = inPeriod ? staffOf(actorId, actorName, actorRole) : null;
    switch (action) {
      case 'report':
        reportedAt = at;
        if (staff?.role === 'acceptor') count(staff, 'accepted');
        break;
      case 'request-confirmation':
        if (staff?.role === 'acceptor') {
          count(staff, 'accepted');
          countTimed(staff, 'confirmationsSent', limits.confirmationRequestLimit, reportedAt, at);
        }
        break;
      case 'confirm':
        confirmedAt = at;
        break;
      case 'register':
        readyForDispatchAt = at;
        if (staff?.role === 'shift-leader') {
          countTimed(staff, 'registered', limits.registrationLimit, confirmedAt ?? reportedAt, at);
          registrar = staff;
        }
        break;
      case 'dispatch':
        currentDispatcher = staff?.role === 'dispatcher' ? staff.id : null;
        if (staff?.role === 'dispatcher' && dispatchers.has(staff.id)) count(staff, 'dispatched');
        else if (staff?.role === 'dispatcher') {
          dispatchers.set(staff.id, { member: staff, returned: false });
          countTimed(staff, 'dispatched', limits.dispatchLimit, readyForDispatchAt, at);
        }
        break;
      case 'return': {
        readyForDispatchAt = at;
        const returned = currentDispatcher === null ? undefined : dispatchers.get(currentDispatcher);
        if (returned) returned.returned = true;
        currentDispatcher = null;
        break;
      }
      case 'verify':
        passedAt = at;
        break;
      case 'close':
        if (staff?.role === 'shift-leader') countTimed(staff, 'closed', limits.closingLimit, passedAt, at);
        break;
      case 'void':
        voided = true;
        break;
    }
  }
  if (registrar && !voided) count(registrar, 'registeredAccurately');
  for (const { member, returned } of dispatchers.values()) if (!returned) count(member, 'dispatchedAccurately');
}
