export type Light = 'green' | 'yellow' | 'red' | 'none';

/**
 * The traffic light of a time limit: green while less than 80 % of it is used, yellow up to the deadline, red
 * once overdue. Measured in calendar time between start and deadline, which is close enough for a colour.
 */
export function remainingLight(limit: { deadline: string | null; startedAt: string | null; overdue: boolean }, now: Date): Light {
  if (limit.overdue) return 'red';
  if (!limit.deadline) return 'none';
  const end = Date.parse(limit.deadline);
  if (now.getTime() >= end) return 'red';
  const start = limit.startedAt ? Date.parse(limit.startedAt) : Number.NaN;
  if (!(start < end)) return 'green';
  return (now.getTime() - start) / (end - start) < 0.8 ? 'green' : 'yellow';
}
