import type { BenchDatabase } from './bench-database.ts';
import { CaseDriver, openCaseEngine } from './case-driver.ts';
import { seedOpenCases } from './clone-cases.ts';
import { emit, percentile, progress, round } from './figures.ts';

export interface TimerLagOptions {
  timers: number;
  templates: number;
  /** Due times are spread evenly over this window (0: all due at the same instant). */
  spreadMs: number;
  pollMs: number | undefined;
  /** Give up this long after the last due time. */
  waitMs: number;
}

/** Lead time between setting the due times and the first one, so the scheduler is idle when they come due. */
const leadMs = 5_000;

/**
 * `timers` cases wait at handle (driven and cloned as for the RSS figure); their Timer_Deadline rows and case
 * deadlines are then set to come due within one window on the wall clock, and the platform's engine runs its
 * scheduler. A timer counts as fired when its effect is in the case: the 标记超期 job it starts writes the
 * mark-overdue history row (at = the clock when that job ran, right after the timer's step committed). Lag = that
 * minus the due time.
 */
export async function timerLagBench(bench: BenchDatabase, options: TimerLagOptions): Promise<void> {
  const db = bench.db;
  const host = await openCaseEngine(db, { pollIntervalMs: options.pollMs });
  await seedOpenCases(db, new CaseDriver(db, host), options.templates, options.timers);

  const firstDue = Date.now() + leadMs;
  await db.transaction(async (sql) => {
    await sql.query(
      `WITH ranked AS (SELECT instance_key, row_number() OVER (ORDER BY instance_key) - 1 AS i FROM engine_timer WHERE element_id = 'Timer_Deadline')
       UPDATE engine_timer t SET due_at = $1::timestamptz + (r.i * $2::double precision / $3) * interval '1 millisecond'
         FROM ranked r WHERE t.instance_key = r.instance_key AND t.element_id = 'Timer_Deadline'`,
      [new Date(firstDue), options.spreadMs, options.timers],
    );
    // The 标记超期 worker checks the case's deadline, so it moves with the timer.
    await sql.query(
      `UPDATE "case" c SET deadline = t.due_at FROM engine_timer t JOIN engine_instance i ON i.instance_key = t.instance_key
        WHERE c.id = i.business_key AND t.element_id = 'Timer_Deadline'`,
    );
  });
  const lastDue = firstDue + options.spreadMs;
  progress(`${options.timers} deadline timers due from ${new Date(firstDue).toISOString()} over ${options.spreadMs} ms; scheduler polls every ${options.pollMs ?? 'default'} ms`);
  await host.engine.start();
  const giveUp = lastDue + options.waitMs;
  let overdue = 0;
  while (Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "case" WHERE overdue`);
    overdue = rows[0]?.n ?? 0;
    if (overdue >= options.timers) break;
  }
  const finishedAt = Date.now();
  await host.engine.stop();

  const { rows } = await db.query<{ lag_ms: number }>(
    `SELECT (extract(epoch FROM e.at - c.deadline) * 1000)::double precision AS lag_ms
       FROM case_event e JOIN "case" c ON c.id = e.case_id WHERE e.action = 'mark-overdue'`,
  );
  const lags = rows.map((row) => Number(row.lag_ms));
  const database = bench.target.kind;
  const context = {
    timers: options.timers,
    fired: lags.length,
    spreadMs: options.spreadMs,
    pollMs: options.pollMs ?? 1000,
    drainSeconds: round((finishedAt - lastDue) / 1000, 1),
  };
  progress(`${database}: ${lags.length} of ${options.timers} timers fired`);
  for (const [name, value] of [
    ['p50', percentile(lags, 50)],
    ['p99', percentile(lags, 99)],
    ['max', Math.max(...lags)],
  ] as const) {
    emit({ bench: `timer_lag_${name}`, database, value: round(value), unit: 'ms', ...context });
  }
  const withinSecond = lags.filter((lag) => lag <= 1000).length;
  emit({
    bench: 'timers_fired_within_1s',
    database,
    value: lags.length === options.timers && withinSecond === options.timers,
    unit: 'boolean',
    withinSecond,
    ...context,
    target: true,
  });
}
