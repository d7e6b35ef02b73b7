import { systemClock } from '../core/ports/clock.ts';
import { DefinitionCache, type LoadedDefinition } from '../engine-workers/engine/embedded/definitions.ts';
import { LiveInstance } from '../engine-workers/engine/embedded/live-instance.ts';
import type { BenchDatabase } from './bench-database.ts';
import { fullLifecycle, openCaseEngine } from './case-driver.ts';
import { cpuMsSince, emit, progress, round } from './figures.ts';

/**
 * The ceiling: the same diagram on bpmn-engine alone, in memory, configured exactly as the embedded engine
 * configures it (Zeebe moddle, feelin, host-recorded timers, service tasks as jobs: LiveInstance) but with no
 * database, no workers and no case writes. Jobs complete at once with nothing; user tasks get the same
 * variables as through the port. Two figures: one live engine per lifecycle (the true ceiling), and the same
 * with the state saved, serialised and recovered at every step as the embedded engine does (no database), which
 * separates the cost of evicting instances from the cost of the database.
 */
export async function ceilingBench(bench: BenchDatabase, options: { cases: number }): Promise<void> {
  // The definition as deployed by the platform, read once; nothing below touches the database again.
  const host = await openCaseEngine(bench.db);
  const cache = new DefinitionCache();
  const definition = await cache.byKey(bench.db, await cache.keyOf(bench.db, 'case-lifecycle'));
  await host.engine.stop();

  for (const evict of [false, true]) {
    await runLifecycle(definition, evict); // warm-up
    let steps = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < options.cases; i++) steps += await runLifecycle(definition, evict);
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpu);
    const name = evict ? 'ceiling_evicting_lifecycles_per_second' : 'ceiling_lifecycles_per_second';
    progress(`${name}: ${options.cases} lifecycles in ${round(seconds, 1)} s`);
    emit({
      bench: name,
      database: bench.target.kind,
      value: round(options.cases / seconds),
      unit: 'lifecycles/s',
      storage: 'none (in memory)',
      cases: options.cases,
      stepsPerLifecycle: round(steps / options.cases, 1),
      stepsPerSecond: round(steps / seconds),
      msPerStep: round((seconds * 1000) / steps, 3),
      cpuMsPerLifecycle: round(cpuMs / options.cases, 1),
    });
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One lifecycle; returns its steps (the start, each job, each user task), as the embedded engine counts them. */
async function runLifecycle(definition: LoadedDefinition, evict: boolean): Promise<number> {
  const now = systemClock.now().getTime();
  // What the dispatch worker would set: the deadline and the reminder cycle the handle timers read.
  const variables = { caseId: 'ceiling', deadline: iso(now + 4 * 3600_000), reminderCycle: `R/${iso(now + 8 * 3600_000)}/PT4H` };
  let live = await LiveInstance.start(definition, variables, systemClock);
  let steps = 1;
  const stepDone = async () => {
    steps++;
    if (evict && !live.isEnded) live = await LiveInstance.resume(definition, JSON.parse(JSON.stringify(await live.savedState())), systemClock);
  };
  const runJobs = async () => {
    for (;;) {
      const job = live.waiting().find((wait) => definition.elements[wait.elementId]?.job);
      if (!job) return;
      live.completeJob(job.executionId);
      await live.settle();
      await stepDone();
    }
  };
  await runJobs();
  for (const step of fullLifecycle) {
    const task = live.waiting().find((wait) => wait.elementId === step.elementId);
    if (!task) throw new Error(`ceiling: ${step.elementId} is not waiting (waiting: ${live.waiting().map((w) => w.elementId).join(', ')})`);
    live.assignVariables({ ...step.variables, actor: step.actor });
    live.signal(task.executionId);
    await live.settle();
    await stepDone();
    await runJobs();
  }
  if (!live.isEnded) throw new Error(`ceiling: the lifecycle did not end (waiting: ${live.waiting().map((w) => w.elementId).join(', ')})`);
  return steps;
}
