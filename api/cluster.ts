import cluster, { type Worker } from 'node:cluster';
import type { Database } from '../core/ports/database.ts';
import { databaseConfigFromEnv, openDatabase } from '../core/store/open-database.ts';
import { migrate } from '../core/store/migrate.ts';

/**
 * Several platform processes behind one port (node:cluster), for a city that outgrows one core. Each process serves
 * HTTP and runs the embedded engine: they already share everything through the database (timers and jobs claimed
 * with SKIP LOCKED, live updates by NOTIFY, the token key, login limits and report archive in tables), so a process
 * holds nothing another needs. PGlite is one process's database, so this needs a PostgreSQL server.
 */
export interface ClusterOptions {
  processes: number;
  /** Runs once, after the migrations and before any process serves (seeding the demo city). */
  prepare?: (db: Database) => Promise<void>;
  /** Starts the platform in this process; `prepare`, when given, runs on its database after its migrations. */
  start: (prepare?: (db: Database) => Promise<void>) => Promise<{ url: string; close(): Promise<void> }>;
  log: (line: string) => void;
}

export interface RunningCluster {
  url: string;
  /** False in a worker: the primary reports and stops the cluster. */
  primary: boolean;
  close(): Promise<void>;
}

interface ReadyMessage {
  type: 'citycase-ready';
  url: string;
}

const isReady = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' && message !== null && (message as ReadyMessage).type === 'citycase-ready';

/** How long a process may take to finish its requests and steps once asked to stop. */
const stopGraceMs = 15_000;

/**
 * One process: starts the platform here. Several, in the primary: migrates and prepares once, forks `processes` workers and resolves once all serve; a worker that dies after it
 * served is replaced, one that fails to start fails the start (a crash loop helps nobody). In a worker: starts the
 * platform, tells the primary, and stops on SIGTERM or SIGINT. Resolves in both with what `close` stops.
 */
export async function runCluster(options: ClusterOptions): Promise<RunningCluster> {
  if (!cluster.isPrimary) return runWorker(options);
  if (options.processes > 1) return runPrimary(options);
  const platform = await options.start(options.prepare);
  return { url: platform.url, primary: true, close: () => platform.close() };
}

async function runWorker(options: ClusterOptions): Promise<RunningCluster> {
  const platform = await options.start();
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= platform.close());
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.send?.({ type: 'citycase-ready', url: platform.url } satisfies ReadyMessage);
  return { url: platform.url, primary: false, close };
}

async function runPrimary(options: ClusterOptions): Promise<RunningCluster> {
  // Each process then finds nothing to migrate.
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    await migrate(db);
    await options.prepare?.(db);
  } finally {
    await db.close();
  }
  const serving = new Set<Worker>();
  let stopping = false;

  const fork = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      worker.on('message', (message: unknown) => {
        if (!isReady(message)) return;
        serving.add(worker);
        resolve(message.url);
      });
      worker.once('exit', (code, signal) => {
        const served = serving.delete(worker);
        if (!served) {
          reject(new Error(`platform process ${worker.process.pid} failed to start (${signal ?? `exit code ${code}`})`));
          return;
        }
        if (stopping) return;
        options.log(`platform process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
        fork().catch((error: unknown) => options.log((error as Error).message));
      });
    });

  const stopAll = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => worker.process.kill('SIGKILL'), stopGraceMs);
            worker.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const urls = await Promise.all(Array.from({ length: options.processes }, fork));
    return { url: urls[0] as string, primary: true, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The number of processes asked for (`--processes` or CITYCASE_PROCESSES), checked against the database kind. */
export function processCount(text: string | undefined, hasServer: boolean): number {
  if (text === undefined || text === '') return 1;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`the process count must be a whole number from 1 to 64, not "${text}"`);
  if (count > 1 && !hasServer) {
    throw new Error('several platform processes need a PostgreSQL server (DATABASE_URL): PGlite is the database of one process');
  }
  return count;
}
