import * as Elements from 'bpmn-elements';
import { ISOInterval, getDate } from '@0dep/piso';

const timerTypes = ['timeDuration', 'timeDate', 'timeCycle'] as const;
type TimerType = (typeof timerTypes)[number];

interface TimerHost {
  environment: { timers: { now?: () => Date }; resolveExpression(expression: unknown, message: unknown): unknown };
}

interface ResolvedTimer {
  expireAt?: Date;
  timerType?: TimerType;
  repeat?: number;
  timeout?: number;
  timeDuration?: string;
  timeDate?: string;
  timeCycle?: string;
}

function hostNow(host: TimerHost): Date {
  return host.environment.timers.now?.() ?? new Date();
}

/**
 * bpmn-elements' timer reads the wall clock to decide when a timer expires (and fires at once a timeDate already
 * passed). The host's clock must decide instead: in tests it is injected, and a deadline computed on that clock
 * must not count as passed because the wall clock is elsewhere. This mirrors bpmn-elements 17.3's parse and
 * _getTimers with `now` taken from the host (environment.timers.now, set by LiveInstance).
 */
export class ClockedTimerEventDefinition extends (Elements.TimerEventDefinition as unknown as new (...args: unknown[]) => object) {
  parse(this: TimerHost, timerType: TimerType, value: string): { expireAt?: Date; repeat?: number; delay?: number } {
    const now = hostNow(this);
    if (timerType === 'timeDate') {
      const expireAt = getDate(value);
      return { expireAt, delay: now.getTime() - expireAt.getTime() };
    }
    const parsed = new ISOInterval(value).parse();
    // Zeebe fires a cycle with a start time (R/<start>/PT4H) first at that start; piso counts one period past it.
    const start = (parsed as unknown as { start?: { toDate(): Date } }).start?.toDate();
    const expireAt = start && start > now ? start : parsed.getExpireAt(now, now);
    return { expireAt, repeat: parsed.repeat, delay: expireAt.getTime() - now.getTime() };
  }

  _getTimers(this: TimerHost & Record<string, unknown> & ClockedTimerEventDefinition, executeMessage: { content: Record<string, unknown> }): ResolvedTimer {
    const content = executeMessage.content;
    const result: ResolvedTimer = 'expireAt' in content ? { expireAt: new Date(content.expireAt as string) } : {};
    const now = hostNow(this);
    for (const timerType of timerTypes) {
      let timerValue: unknown;
      if (timerType in content) timerValue = content[timerType];
      else if (timerType in this) timerValue = this.environment.resolveExpression(this[timerType], executeMessage);
      else continue;
      result[timerType] = timerValue as string;
      let expireAt = now;
      let repeat: number | undefined;
      if (timerValue) {
        const parsed = this.parse(timerType, timerValue as string);
        if (!parsed.expireAt || !parsed.expireAt.getTime) {
          throw new TypeError(`Parsed ${timerType} "${String(timerValue)}" expireAt failed to resolve to a date`);
        }
        expireAt = parsed.expireAt;
        repeat = parsed.repeat;
      }
      if (!result.expireAt || result.expireAt > expireAt) {
        result.timerType = timerType;
        result.expireAt = expireAt;
        result.repeat = repeat;
      }
    }
    if (result.expireAt) result.timeout = result.expireAt.getTime() - now.getTime();
    else if ('timeout' in content) result.timeout = content.timeout as number;
    else if (Object.keys(result).length === 0) result.timeout = 0;
    const inbound = content.inbound as Array<{ repeat?: number }> | undefined;
    if (inbound?.[0] && 'repeat' in inbound[0]) result.repeat = inbound[0].repeat;
    return result;
  }
}
