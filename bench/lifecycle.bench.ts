import { countingSteps, type BenchDatabase } from './bench-database.ts';
import { CaseDriver, fullLifecycle, openCaseEngine } from './case-driver.ts';
import { cpuMsSince, emit, percentile, progress, round } from './figures.ts';

export interface LifecycleOptions {
  cases: number;
  /** Lifecycles driven at the same time (each one's steps stay in order). */
  concurrency: number;
}

/**
 * Complete case lifecycles through the engine port (report → close with one extension and one rework), on the
 * platform's engine with every worker. A warm-up case first, so the definition cache and the JIT are warm.
 */
export async function lifecycleBench(bench: BenchDatabase, options: LifecycleOptions): Promise<void> {
  const counted = countingSteps(bench.db);
  const host = await openCaseEngine(counted.db);
  const driver = new CaseDriver(counted.db, host);
  await driver.drive(await driver.report(), fullLifecycle);

  const latencies: number[] = [];
  let next = 0;
  const stepsBefore = counted.steps();
  const queriesBefore = counted.queries();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const lane = async () => {
    while (next < options.cases) {
      next++;
      const caseId = await driver.report();
      await driver.drive(caseId, fullLifecycle, latencies);
      const { rows } = await counted.db.query<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [caseId]);
      if (rows[0]?.status !== 'closed') throw new Error(`case ${caseId} ended ${rows[0]?.status ?? 'missing'}, not closed`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsSince(cpu);
  const steps = counted.steps() - stepsBefore;
  const queries = counted.queries() - queriesBefore;
  await host.engine.stop();

  const database = bench.target.kind;
  const context = {
    cases: options.cases,
    concurrency: options.concurrency,
    seconds: round(seconds, 1),
    // CPU of this process only (on a server, PostgreSQL's own CPU is not in it).
    nodeCpuMsPerLifecycle: round(cpuMs / options.cases, 1),
    queriesPerStep: round(queries / steps, 1),
  };
  progress(`${database}: ${options.cases} lifecycles in ${round(seconds, 1)} s`);
  emit({ bench: 'lifecycles_per_second', database, value: round(options.cases / seconds), unit: 'lifecycles/s', ...context, target: 100 });
  emit({ bench: 'engine_steps_per_second', database, value: round(steps / seconds), unit: 'steps/s', stepsPerLifecycle: round(steps / options.cases, 1), ...context });
  for (const p of [50, 99]) {
    emit({
      bench: `complete_user_task_p${p}`,
      database,
      value: round(percentile(latencies, p)),
      unit: 'ms',
      samples: latencies.length,
      ...context,
    });
  }
}
