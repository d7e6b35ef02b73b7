import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../core/ports/database.ts';
import type { DatabaseKind } from '../bench-database.ts';
import { progress } from '../figures.ts';
import { measure } from './load.ts';
import { sampleCpu } from './process-cpu.ts';
import { seedCity, target, type Target } from './target.ts';
import { loadRuns, parseApiBenchOptions, usage, type ApiBenchOptions, type LoadRun } from './options.ts';

/**
 * `npm run bench:api`: the HTTP API under concurrent clients on a city with many cases. The database is seeded in
 * this process, the platform then serves it from a child process (as `citycase start` would), and autocannon loads
 * it from here.
 */

const password = 'bench-password';
const departments = 200;

/** What the load runs draw from: the department with the fullest inbox, case ids, and points inside unit grids. */
interface Sample {
  department: string;
  caseIds: string[];
  points: Array<[number, number]>;
  inboxTasks: number;
}

async function sample(db: Database): Promise<Sample> {
  const busiest = await db.query<{ department_id: string; n: number }>(
    `SELECT substr(candidate_groups->>0, length('department:') + 1) AS department_id, count(*)::int AS n FROM user_task
      WHERE status = 'created' AND candidate_groups->>0 LIKE 'department:%' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const ids = await db.query<{ id: string }>(`SELECT id FROM "case" ORDER BY random() LIMIT 20000`);
  const grids = await db.query<{ lng: number; lat: number }>(
    `SELECT (min_lng + max_lng) / 2 AS lng, (min_lat + max_lat) / 2 AS lat FROM unit_grid`,
  );
  return {
    department: busiest.rows[0]!.department_id,
    inboxTasks: busiest.rows[0]!.n,
    caseIds: ids.rows.map((row) => row.id),
    points: grids.rows.map((row) => [row.lng, row.lat]),
  };
}

async function prepare(target: Target, cases: number, seeded: boolean): Promise<Sample> {
  const db = await target.open();
  try {
    if (seeded) return await sample(db);
    await seedCity(db, cases, password);
    return await sample(db);
  } finally {
    await db.close();
  }
}

/** Starts `serve.ts` in a child process and resolves with its URL. */
function serve(env: Record<string, string>, profileDir: string | undefined): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./serve.ts', import.meta.url));
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-semi-space-size=32', '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the platform exited with code ${code} before listening`)));
    createInterface({ input: child.stdout! }).once('line', (url) => resolve({ url, child }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** A hotline report at a random grid's centre, of a class the lifecycle accepts. */
function reportBody(points: Sample['points']): string {
  const [lng, lat] = pick(points);
  return JSON.stringify({
    source: 'hotline',
    classScheme: 'gbt47678', classKind: 'component', classCode: '01001',
    description: '基准测试：上水井盖破损',
    location: { lng, lat },
    reporter: { phone: '12345' },
  });
}

async function benchmark(kind: DatabaseKind, options: ApiBenchOptions, cases: number): Promise<void> {
  progress(`API benchmark on ${kind}: ${cases} cases, ${departments} departments`);
  const reuseSchema = kind === 'postgres' ? options.reuseSchema : undefined;
  const where = await target(kind, options.serverUrl, reuseSchema, options.keep);
  try {
    const data = await prepare(where, cases, reuseSchema !== undefined);
    const { url, child } = await serve({ ...where.env, CITYCASE_PROCESSES: String(options.processes) }, options.profileDir);
    try {
      const [department, dispatcher, acceptor, collector] = await Promise.all(
        [data.department, 'dispatcher', 'acceptor', 'collector'].map((username) => login(url, username)),
      ) as [string, string, string, string];
      const probe = await fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${acceptor}`, 'content-type': 'application/json' },
        body: reportBody(data.points),
      });
      if (probe.status !== 201) throw new Error(`the intake request is refused: ${probe.status} ${await probe.text()}`);
      // On PGlite the database runs inside the platform; a local server's processes would only add noise.
      const cpu = () => sampleCpu(child.pid as number, { database: kind === 'postgres' });
      const settings = { connections: options.connections, seconds: options.seconds, cpu };
      const context = { cases, departments, processes: options.processes };
      const runs: Record<LoadRun, () => Promise<void>> = {
        inbox: () => measure(url, kind, { name: 'inbox', method: 'GET', token: department, next: () => ({ path: '/api/v1/tasks' }) }, {
          ...settings,
          context: { ...context, department: data.department, inboxTasks: data.inboxTasks },
        }),
        // A collector's verify tasks are offered to every collector and filtered by its grids.
        collector_inbox: () => measure(url, kind, { name: 'collector_inbox', method: 'GET', token: collector, next: () => ({ path: '/api/v1/tasks' }) }, {
          ...settings,
          context: { ...context, collector: 'collector' },
        }),
        case_list: () => measure(url, kind, {
          name: 'case_list', method: 'GET', token: dispatcher,
          next: () => ({ path: `/api/v1/cases?statusKind=open&departmentId=${encodeURIComponent(data.department)}&page=2` }),
        }, { ...settings, context: { ...context, department: data.department } }),
        case_detail: () => measure(url, kind, {
          name: 'case_detail', method: 'GET', token: dispatcher, next: () => ({ path: `/api/v1/cases/${pick(data.caseIds)}` }),
        }, { ...settings, context: { ...context, distinctCaseIds: data.caseIds.length } }),
        intake: () => measure(url, kind, {
          name: 'intake', method: 'POST', token: acceptor, next: () => ({ path: '/api/v1/cases', body: reportBody(data.points) }),
        }, { ...settings, context }),
      };
      for (const run of loadRuns) if (options.only.has(run)) await runs[run]();
    } finally {
      await stop(child);
    }
  } finally {
    await where.dispose();
  }
}

async function main(): Promise<void> {
  const options = parseApiBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (options.server) await benchmark('postgres', options, options.cases);
  if (options.pglite) await benchmark('pglite', options, options.pgliteCases);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
