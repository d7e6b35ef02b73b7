import { loadWorkingCalendar, type CalendarFiles } from '../core/calendar/load-calendar.ts';
import { formatShanghai, parseShanghai } from '../core/calendar/shanghai-time.ts';
import { formatWorkingHours, parseTimeLimit } from '../core/calendar/time-limit.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import { parseOptions } from './args.ts';

const USAGE = 'use: calendar due [--from ISO] --limit "4 工作时" | calendar between [--from ISO] [--to ISO] (times default to now)';
const APPROXIMATE_NOTE =
  'note: approximate: the count reaches a year without holiday data (standards/calendars/holidays/YYYY.json), so only weekends were taken as days off';

/**
 * `citycase calendar due|between`: deadlines and working time on the command line. Times without an offset are
 * Beijing time; output is ISO-8601 with +08:00. `--holidays DIR` and `--working-hours FILE` try a city's own data.
 */
export async function calendarCommand(args: string[], out: NodeJS.WritableStream, clock: Clock = systemClock): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'due' && subcommand !== 'between') {
    throw new Error(subcommand === undefined ? USAGE : `unknown calendar command "${subcommand}"; ${USAGE}`);
  }
  const known = subcommand === 'due' ? ['from', 'limit', 'holidays', 'working-hours'] : ['from', 'to', 'holidays', 'working-hours'];
  const { options, words } = parseOptions(rest, known);
  if (words.length > 0) throw new Error(`unexpected "${words.join(' ')}"; ${USAGE}`);
  const files: CalendarFiles = { holidaysDir: options.holidays, workingHoursFile: options['working-hours'] };
  const at = (name: 'from' | 'to') => {
    const text = options[name];
    return text === undefined ? clock.now() : parseShanghai(text, `--${name}`);
  };

  if (subcommand === 'due') {
    if (options.limit === undefined) throw new Error('calendar due needs --limit, e.g. --limit "4 工作时"');
    const limit = parseTimeLimit(options.limit, '--limit');
    const { due, approximate } = loadWorkingCalendar(files).addWorkingTime(at('from'), limit);
    out.write(`${formatShanghai(due)}\n`);
    if (approximate) out.write(`${APPROXIMATE_NOTE}\n`);
    return;
  }
  const { milliseconds, approximate } = loadWorkingCalendar(files).workingTimeBetween(at('from'), at('to'));
  out.write(`${formatWorkingHours(milliseconds)} (${milliseconds} ms)\n`);
  if (approximate) out.write(`${APPROXIMATE_NOTE}\n`);
}
