import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchDatabase } from './bench-database.ts';
import { CaseDriver, fullLifecycle, openCaseEngine } from './case-driver.ts';
import { seedOpenCases } from './clone-cases.ts';
import { emit, megabytes, progress, round } from './figures.ts';

export interface OpenCasesOptions {
  cases: number;
  templates: number;
  /** How long the probe runs the scheduler while sampling. */
  seconds: number;
  pollMs: number | undefined;
}

interface ProbeResult {
  rssMax: number;
  rssLast: number;
  heapUsedMax: number;
  rssAtStart: number;
  schedulerTransactions: number;
  openInstances: number;
  armedTimers: number;
}

const probeFile = fileURLToPath(new URL('./open-cases-probe.ts', import.meta.url));

async function probe(bench: BenchDatabase, options: OpenCasesOptions): Promise<ProbeResult> {
  // PGlite holds its directory exclusively: the probe opens it only once this process let go.
  await bench.close();
  const args = ['--import', 'tsx', probeFile, JSON.stringify(bench.target), String(options.seconds), ...(options.pollMs ? [String(options.pollMs)] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  await bench.reopen();
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ProbeResult;
}

/**
 * RSS of a process running the engine's scheduler over `cases` open cases waiting at handle with armed timers,
 * and the same process over an empty database as the baseline. Measured in a child process each time.
 */
export async function openCasesBench(bench: BenchDatabase, options: OpenCasesOptions): Promise<void> {
  const baseline = await probe(bench, options);
  progress(`baseline RSS ${megabytes(baseline.rssMax)} MB; seeding ${options.cases} open cases`);
  const seeding = performance.now();
  const host = await openCaseEngine(bench.db);
  await seedOpenCases(bench.db, new CaseDriver(bench.db, host), options.templates, options.cases);
  const seededIn = round((performance.now() - seeding) / 1000, 1);
  await host.engine.stop();
  const loaded = await probe(bench, options);
  if (loaded.openInstances < options.cases) throw new Error(`only ${loaded.openInstances} of ${options.cases} instances are open`);
  await closeOneClone(bench);
  const database = bench.target.kind;
  emit({
    bench: 'open_cases_rss',
    database,
    value: megabytes(loaded.rssMax),
    unit: 'MB',
    openCases: loaded.openInstances,
    armedTimers: loaded.armedTimers,
    drivenThroughPort: Math.min(options.templates, options.cases),
    clonedInSql: options.cases - Math.min(options.templates, options.cases),
    seedSeconds: seededIn,
    rssEmptyDatabaseMb: megabytes(baseline.rssMax),
    heapUsedMb: megabytes(loaded.heapUsedMax),
    rssBeforeOpenMb: megabytes(loaded.rssAtStart),
    sampledSeconds: options.seconds,
    schedulerTransactions: loaded.schedulerTransactions,
    databaseInProcess: database === 'pglite',
    target: 500,
  });
}

/** Proof that a clone is a working case: the newest one is handled, verified and closed through the port. */
async function closeOneClone(bench: BenchDatabase): Promise<void> {
  const { rows } = await bench.db.query<{ id: string }>(`SELECT id FROM "case" WHERE case_number LIKE 'B%' ORDER BY case_number DESC LIMIT 1`);
  const caseId = rows[0]?.id;
  if (!caseId) return;
  const host = await openCaseEngine(bench.db);
  await new CaseDriver(bench.db, host).drive(caseId, fullLifecycle.slice(-3));
  await host.engine.stop();
  const { rows: closed } = await bench.db.query<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [caseId]);
  if (closed[0]?.status !== 'closed') throw new Error(`cloned case ${caseId} did not close: ${closed[0]?.status}`);
}
