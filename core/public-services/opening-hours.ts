/** Minutes after midnight, Beijing time (UTC+8 all year: China keeps no daylight saving time). */
function beijingMinutes(at: Date): number {
  const minutes = Math.floor(at.getTime() / 60_000) + 8 * 60;
  return ((minutes % 1440) + 1440) % 1440;
}

const toMinutes = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/**
 * Whether a place with opening hours "HH:MM-HH:MM" (Beijing time, as the places file gives them) is open at a
 * moment. "00:00-24:00" is always open; hours that end before they start run past midnight (a night market
 * toilet open 18:00-02:00).
 */
export function isOpenAt(openingHours: string, at: Date): boolean {
  const [from, to] = openingHours.split('-');
  if (from === undefined || to === undefined) return false;
  const start = toMinutes(from);
  const end = toMinutes(to);
  const now = beijingMinutes(at);
  if (end - start >= 1440 || start === end) return true;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
