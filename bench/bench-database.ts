import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../core/ports/database.ts';
import { migrate } from '../core/store/migrate.ts';
import { openDatabase, type DatabaseConfig } from '../core/store/open-database.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Where one benchmark's database lives, so a child process can open the same one. */
export interface BenchDatabaseTarget {
  kind: DatabaseKind;
  config: DatabaseConfig;
}

export interface BenchDatabase {
  target: BenchDatabaseTarget;
  /** The open handle (replaced by reopen). */
  readonly db: Database;
  /** Closes the handle (a child process may then open the PGlite directory); the data stays until dispose. */
  close(): Promise<void>;
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark: a PGlite data directory in the temp folder, or a schema of its
 * own on the server (dropped by dispose), so benchmarks never see each other's rows.
 */
export async function openBenchDatabase(kind: DatabaseKind, serverUrl: string | undefined): Promise<BenchDatabase> {
  if (kind === 'postgres' && !serverUrl) throw new Error('a PostgreSQL benchmark needs a server URL');
  const config: DatabaseConfig =
    kind === 'postgres'
      ? { databaseUrl: serverUrl, schema: `bench_${randomBytes(6).toString('hex')}` }
      : { dataDir: await mkdtemp(path.join(tmpdir(), 'citycase-bench-')) };
  let db = await openDatabase(config);
  await migrate(db);
  let open = true;
  const close = async () => {
    if (open) await db.close();
    open = false;
  };
  return {
    target: { kind, config },
    get db() {
      return db;
    },
    close,
    async reopen() {
      await close();
      db = await openDatabase(config);
      open = true;
      return db;
    },
    async dispose() {
      await close();
      if (config.schema) {
        const admin = await openDatabase({ databaseUrl: config.databaseUrl });
        await admin.exec(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`);
        await admin.close();
      }
      if (config.dataDir) await rm(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** What a step of the embedded engine is: a transaction that saved an instance (started, advanced or ended it). */
const savesInstance = /^\s*(UPDATE engine_instance SET|INSERT INTO engine_instance)/;

/**
 * The database with a count of engine steps: committed transactions that wrote an engine_instance row. Jobs,
 * timers and user tasks each advance an instance in a transaction of their own, so this counts them all without
 * reaching into the engine.
 */
export function countingSteps(db: Database): { db: Database; steps(): number; transactions(): number; queries(): number } {
  let steps = 0;
  let transactions = 0;
  let queries = 0;
  const counted: Database = {
    kind: db.kind,
    query: (text, params) => {
      queries++;
      return db.query(text, params);
    },
    exec: (text) => db.exec(text),
    close: () => db.close(),
    listen: (channel, handler) => db.listen(channel, handler),
    async transaction(work) {
      let saved = false;
      const result = await db.transaction((tx) =>
        work({
          query: (text, params) => {
            queries++;
            if (savesInstance.test(text)) saved = true;
            return tx.query(text, params);
          },
          exec: (text) => tx.exec(text),
        }),
      );
      transactions++;
      if (saved) steps++;
      return result;
    },
  };
  return { db: counted, steps: () => steps, transactions: () => transactions, queries: () => queries };
}
