import { openDatabase } from '../core/store/open-database.ts';
import { countingSteps, type BenchDatabaseTarget } from './bench-database.ts';
import { openCaseEngine } from './case-driver.ts';

/**
 * Run by open-cases.bench.ts in a process of its own, so its RSS is what a citycase process holding the database
 * would show: opens the database, starts the platform's engine (deploy, catch-up, then the scheduler polling for
 * due timers and jobs) and samples memory while it polls. Prints one JSON object.
 */
const [targetJson, secondsText, pollText] = process.argv.slice(2);
const target = JSON.parse(targetJson ?? '{}') as BenchDatabaseTarget;
const seconds = Number(secondsText);
const rssAtStart = process.memoryUsage().rss;
const counted = countingSteps(await openDatabase(target.config));
const { engine } = await openCaseEngine(counted.db, { pollIntervalMs: pollText ? Number(pollText) : undefined });
await engine.start();
const samples: number[] = [];
let heapUsed = 0;
const started = Date.now();
while (Date.now() - started < seconds * 1000) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const usage = process.memoryUsage();
  samples.push(usage.rss);
  heapUsed = Math.max(heapUsed, usage.heapUsed);
}
const { rows } = await counted.db.query<{ open: number; timers: number }>(
  `SELECT (SELECT count(*)::integer FROM engine_instance WHERE status = 'active') AS open, (SELECT count(*)::integer FROM engine_timer) AS timers`,
);
await engine.stop();
await counted.db.close();
process.stdout.write(
  `${JSON.stringify({
    rssMax: Math.max(...samples),
    rssLast: samples.at(-1),
    heapUsedMax: heapUsed,
    rssAtStart,
    schedulerTransactions: counted.transactions(),
    openInstances: rows[0]?.open,
    armedTimers: rows[0]?.timers,
  })}\n`,
);
