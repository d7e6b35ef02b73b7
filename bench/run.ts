import { openBenchDatabase, type BenchDatabase, type DatabaseKind } from './bench-database.ts';
import { ceilingBench } from './ceiling.bench.ts';
import { progress } from './figures.ts';
import { lifecycleBench } from './lifecycle.bench.ts';
import { openCasesBench } from './open-cases.bench.ts';
import { parseOptions, usage, type BenchName, type BenchOptions } from './options.ts';
import { timerLagBench } from './timer-lag.bench.ts';

/** `npm run bench`: every selected benchmark on every selected database, each on a fresh database of its own. */

const benches: Record<BenchName, (bench: BenchDatabase, options: BenchOptions) => Promise<void>> = {
  lifecycle: (bench, options) =>
    lifecycleBench(bench, { cases: options.lifecycles, concurrency: options.concurrency ?? (bench.target.kind === 'pglite' ? 1 : 4) }),
  ceiling: (bench, options) => ceilingBench(bench, { cases: options.ceilingLifecycles }),
  timers: (bench, options) =>
    timerLagBench(bench, {
      timers: options.timers,
      templates: options.templates,
      spreadMs: options.timerSpreadMs,
      pollMs: options.pollMs,
      waitMs: options.timerWaitMs,
    }),
  'open-cases': (bench, options) =>
    openCasesBench(bench, { cases: options.openCases, templates: options.templates, seconds: options.rssSeconds, pollMs: options.pollMs }),
};

async function runOne(name: BenchName, kind: DatabaseKind, options: BenchOptions): Promise<void> {
  progress(`${name} on ${kind}`);
  const bench = await openBenchDatabase(kind, options.serverUrl);
  try {
    await benches[name](bench, options);
  } finally {
    await bench.dispose();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  for (const kind of options.databases) {
    for (const name of options.only) await runOne(name, kind, options);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
